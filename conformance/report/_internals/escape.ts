/**
 * Control characters: not allowed in XML 1.0 (C0 but tab and newline); or allowed but acting on
 * a terminal that prints the report (carriage return, DEL, C1 such as CSI) or reordering what a
 * reader sees (bidi marks and overrides). Adapters may still put them in any text.
 */
const controls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/g;

const shownEscaped = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` with every control character shown as a visible `\u001b`-style escape (for text shown verbatim, as in code blocks). */
export function showControls(text: string): string {
  return text.replace(controls, shownEscaped);
}

/** Escapes text for XML and HTML element content and quoted attributes. */
export function escapeMarkup(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(controls, shownEscaped);
}

/** Escapes text for a Markdown table cell or line: no pipes, no raw HTML, no newlines. */
export function escapeMarkdown(text: string): string {
  return escapeMarkup(text).replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ').replace(/([`*_[\]])/g, '\\$1');
}
