import { showControls } from './escape.js';

/** The shortest run of backticks longer than every run inside `text` (and at least `min`). */
function fenceFor(text: string, min: number): string {
  return '`'.repeat(Math.max(min, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
}

/** A fenced code block that shows `text` verbatim, whatever backticks it holds. */
export function fencedBlock(text: string, info = 'text'): string[] {
  const shown = showControls(text);
  const fence = fenceFor(shown, 3);
  return [`${fence}${info}`, shown, fence];
}

/** An inline code span of one line of `text`, verbatim (newlines become spaces). */
export function inlineCode(text: string): string {
  const line = showControls(text.replace(/[\r\n]+/g, ' '));
  const fence = fenceFor(line, 1);
  // A span that starts or ends with a backtick needs a space inside the fence.
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}
