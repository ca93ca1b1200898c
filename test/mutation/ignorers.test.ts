import { pathToFileURL } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

interface FakePath {
  readonly node: Record<string, unknown>;
  readonly parentPath: { readonly node: Record<string, unknown> } | null;
}
interface Ignorers {
  whyIgnored(path: FakePath): string | undefined;
  messageText: string;
  argumentValidation: string;
  diagnostics: string;
  strykerPlugins: readonly { readonly kind: string; readonly name: string }[];
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { whyIgnored, messageText, argumentValidation, diagnostics, strykerPlugins } = (await import(
  pathToFileURL(join(root, 'scripts/mutation/ignorers.mjs')).href
)) as Ignorers;

const id = (name: string) => ({ type: 'Identifier', name });
const text = { type: 'StringLiteral', value: 'the buffer is empty' };
const newError = (name: string, ...args: object[]) => ({ type: 'NewExpression', callee: id(name), arguments: args });
const call = (callee: object, ...args: object[]) => ({ type: 'CallExpression', callee, arguments: args });
const member = (object: string, property: string) => ({ type: 'MemberExpression', object: id(object), property: id(property) });
const at = (node: Record<string, unknown>, parent?: Record<string, unknown>): FakePath => ({ node, parentPath: parent ? { node: parent } : null });

describe('the conformance-scope ignorer', () => {
  it('is declared to Stryker under the name the config uses', () => {
    expect(strykerPlugins.map((p) => [p.kind, p.name])).toEqual([['Ignore', 'conformance-scope']]);
  });

  it('ignores the wording of errors, validator labels, log messages and drop details', () => {
    expect(whyIgnored(at(text, newError('RangeError', text)))).toBe(messageText);
    expect(whyIgnored(at(text, newError('WatchConflictError', text)))).toBe(messageText);
    expect(whyIgnored(at(text, call(id('assertCount'), text)))).toBe(messageText);
    expect(whyIgnored(at(text, call(member('this', 'logError'), text)))).toBe(messageText);
    const detail = { type: 'ObjectProperty', key: id('detail'), value: text };
    expect(whyIgnored(at(text, detail))).toBe(messageText);
  });

  it('keeps strings that decide behaviour: event types, reasons, signal names, other calls', () => {
    expect(whyIgnored(at(text, { type: 'ObjectProperty', key: id('type'), value: text }))).toBeUndefined();
    expect(whyIgnored(at(text, { type: 'ObjectProperty', key: id('reason'), value: text }))).toBeUndefined();
    expect(whyIgnored(at(text, call(member('this', 'stash'), text)))).toBeUndefined();
    expect(whyIgnored(at(text, { type: 'NewExpression', callee: id('RunnerMessage'), arguments: [text] }))).toBeUndefined();
  });

  it('ignores guards that reject invalid arguments, and the validators, but no semantic throw', () => {
    const guard = (thrown: object) => ({ type: 'IfStatement', test: id('bad'), consequent: thrown, alternate: null });
    const throwing = (name: string) => ({ type: 'ThrowStatement', argument: newError(name, text) });
    expect(whyIgnored(at(guard(throwing('RangeError'))))).toBe(argumentValidation);
    expect(whyIgnored(at(guard({ type: 'BlockStatement', body: [throwing('TypeError')] })))).toBe(argumentValidation);
    expect(whyIgnored(at({ type: 'FunctionDeclaration', id: id('assertCount') }))).toBe(argumentValidation);
    // Semantic errors (WATCH-05, STASH-01, WATCH-06) are what the rules are about.
    expect(whyIgnored(at(guard(throwing('WatchConflictError'))))).toBeUndefined();
    expect(whyIgnored(at(guard(throwing('StashOverflowError'))))).toBeUndefined();
    expect(whyIgnored(at({ ...guard(throwing('RangeError')), alternate: { type: 'BlockStatement', body: [] } }))).toBeUndefined();
    expect(whyIgnored(at(guard({ type: 'BlockStatement', body: [throwing('RangeError'), throwing('RangeError')] })))).toBeUndefined();
  });

  it('ignores statements that only log', () => {
    expect(whyIgnored(at({ type: 'ExpressionStatement', expression: call(member('this', 'logError'), text) }))).toBe(diagnostics);
    expect(whyIgnored(at({ type: 'ExpressionStatement', expression: call(member('this', 'deadLetter'), text) }))).toBeUndefined();
  });
});
