/** Escapes text for XML and HTML element content and quoted attributes. */
export function escapeMarkup(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    // Control characters are not allowed in XML 1.0; adapters may still put them in messages.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Escapes text for a Markdown table cell or line: no pipes, no raw HTML, no newlines. */
export function escapeMarkdown(text: string): string {
  return escapeMarkup(text).replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ').replace(/([`*_[\]])/g, '\\$1');
}
