import type { Output } from './ProgressPrinter.js';

/**
 * Characters that must not reach a terminal raw: C0 controls but tab and newline (a carriage
 * return or an escape sequence from an adapter's name could rewrite or hide earlier lines),
 * DEL and C1 controls, and the Unicode marks that reorder or break lines invisibly.
 */
const unsafe = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/** `text` with every unsafe character shown as a visible `\u001b`-style escape. */
export function terminalText(text: string): string {
  return text.replace(unsafe, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Adapter text meant for the middle of one line (its name, its version): line breaks shown as escapes too. */
export function inline(text: string): string {
  return terminalText(text).replace(/\n/g, '\\u000a');
}

/** The line-clearing prefix the progress printer itself writes on a terminal. */
const clearLine = '\r\u001b[2K';

/**
 * An output that escapes unsafe characters in everything written to it, so no adapter-supplied
 * text (names, paths, messages) reaches the terminal raw, whichever code path prints it. Only
 * the progress printer's own line-clearing prefix, at the start of a write, passes through.
 */
export function terminalSafe(out: Output): Output {
  return {
    write(text: string): void {
      out.write(text.startsWith(clearLine) ? clearLine + terminalText(text.slice(clearLine.length)) : terminalText(text));
    },
  };
}
