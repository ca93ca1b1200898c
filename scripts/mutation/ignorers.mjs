// Stryker ignorer plugins for the mutation run (stryker.config.mjs, `ignorers`). Each names, as
// the reason Stryker reports, why a kind of code is outside what the conformance suite judges:
// it only ever drives valid configurations and observes behaviour, never wording or diagnostics.
// Plain JavaScript because Stryker imports plugins without a TypeScript loader.
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

/** Error classes whose only use in the runtime core is rejecting invalid arguments or misuse. */
const argumentErrors = new Set(['RangeError', 'TypeError', 'InvalidActorNameError', 'InvalidBehaviorError']);

/** Functions whose only job is to validate arguments (they throw RangeError). */
const validators = new Set(['assertCount', 'assertNonNegativeInteger', 'assertValidName']);

/** Methods that only publish diagnostics (Log events on the event stream). */
const loggers = new Set(['logError']);

/** @param {{ type: string; name?: string; property?: { type: string; name?: string } } | null | undefined} callee */
function calleeName(callee) {
  if (!callee) return undefined;
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && callee.property?.type === 'Identifier') return callee.property.name;
  return undefined;
}

/** @param {any} node */
function isText(node) {
  return node?.type === 'StringLiteral' || node?.type === 'TemplateLiteral';
}

/** `throw new RangeError(…)`, alone or as the only statement of a block. @param {any} node */
function isArgumentErrorThrow(node) {
  if (node?.type === 'BlockStatement' && node.body?.length === 1) return isArgumentErrorThrow(node.body[0]);
  return node?.type === 'ThrowStatement' && node.argument?.type === 'NewExpression' && argumentErrors.has(calleeName(node.argument.callee) ?? '');
}

export const messageText = 'message text: error and log wording is read by people; no rule specifies it';
export const argumentValidation = 'argument validation: the suite builds only valid configurations; test/src checks the rejections';
export const diagnostics = 'diagnostics: Log events on the event stream are not behaviour any rule specifies';

/**
 * Why the node at `path` is not judged by the conformance suite, or undefined. Exported for the
 * tests; Stryker calls it through {@link strykerPlugins}.
 *
 * @param {{ node: any; parentPath: { node: any } | null }} path
 * @returns {string | undefined}
 */
export function whyIgnored(path) {
  const node = path.node;
  const parent = path.parentPath?.node;
  if (isText(node) && parent) {
    // new SomethingError('text …'), assertCount('label', …), logError('text', …), { detail: `…` }
    if (parent.type === 'NewExpression' && /Error$/.test(calleeName(parent.callee) ?? '')) return messageText;
    if (parent.type === 'CallExpression' && (validators.has(calleeName(parent.callee) ?? '') || loggers.has(calleeName(parent.callee) ?? ''))) return messageText;
    if (parent.type === 'ObjectProperty' && parent.value === node && parent.key?.type === 'Identifier' && parent.key.name === 'detail') return messageText;
  }
  if (node.type === 'IfStatement' && !node.alternate && isArgumentErrorThrow(node.consequent)) return argumentValidation;
  if (node.type === 'FunctionDeclaration' && validators.has(node.id?.name ?? '')) return argumentValidation;
  if (node.type === 'ExpressionStatement' && node.expression?.type === 'CallExpression' && loggers.has(calleeName(node.expression.callee) ?? '')) return diagnostics;
  return undefined;
}

export const strykerPlugins = [declareValuePlugin(PluginKind.Ignore, 'conformance-scope', { shouldIgnore: whyIgnored })];
