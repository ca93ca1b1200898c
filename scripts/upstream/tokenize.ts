/**
 * A small tokenizer for Scala and Go test sources: enough to find test names (string literals),
 * the words around them and the braces that nest them, while skipping comments, runes and the
 * insides of strings (whose braces must not count).
 */

/** One token of a source file. */
export type Token =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'word'; readonly value: string }
  | { readonly kind: 'punct'; readonly value: string };

/** Splits `text` into tokens. Go has backtick raw strings, Scala triple quotes and `s"…"` interpolation. */
export function tokenize(text: string, language: 'scala' | 'go'): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '/' && next === '/') {
      i = lineEnd(text, i);
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (language === 'scala' && text.startsWith('"""', i)) {
      const end = text.indexOf('"""', i + 3);
      const stop = end < 0 ? text.length : end;
      tokens.push({ kind: 'string', value: text.slice(i + 3, stop) });
      i = stop + 3;
    } else if (language === 'go' && c === '`') {
      const end = text.indexOf('`', i + 1);
      const stop = end < 0 ? text.length : end;
      tokens.push({ kind: 'string', value: text.slice(i + 1, stop) });
      i = stop + 1;
    } else if (c === '"') {
      // The interpolator of s"…", f"…" or raw"…" is part of the literal, not a word before it.
      if (language === 'scala' && isInterpolator(tokens[tokens.length - 1])) tokens.pop();
      const [value, after] = readQuoted(text, i);
      tokens.push({ kind: 'string', value });
      i = after;
    } else if (c === "'") {
      // A rune or char literal ('x', '\n', '"'); a Scala symbol ('name) has no closing quote nearby.
      const close = text[i + 1] === '\\' ? text.indexOf("'", i + 2) : i + 2;
      i = text[close] === "'" && close - i <= 8 ? close + 1 : i + 1;
    } else if (/[A-Za-z_$]/.test(c)) {
      const match = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(text.slice(i, i + 200))!;
      tokens.push({ kind: 'word', value: match[0] });
      i += match[0].length;
    } else {
      tokens.push({ kind: 'punct', value: c });
      i += 1;
    }
  }
  return tokens;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

function isInterpolator(token: Token | undefined): boolean {
  return token?.kind === 'word' && ['s', 'f', 'raw'].includes(token.value);
}

/** Reads a double-quoted literal starting at `start`; returns its decoded text and the index after it. */
function readQuoted(text: string, start: number): [string, number] {
  let value = '';
  let i = start + 1;
  while (i < text.length && text[i] !== '"' && text[i] !== '\n') {
    if (text[i] === '\\' && i + 1 < text.length) {
      const escaped = text[i + 1]!;
      value += escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped;
      i += 2;
    } else {
      value += text[i];
      i += 1;
    }
  }
  return [value, i + 1];
}
