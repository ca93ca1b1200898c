/**
 * The report schema at work: validating a `conformance.json` read back (baselines, shards) and
 * bounding a run before it is printed or written, both driven by the generated JSON Schema so
 * that a field added to the report types is checked and bounded without further code.
 *
 * @packageDocumentation
 */
import type { JsonSchema } from './_internals/JsonSchema.js';
import type { ConformanceRun, RuleOutcome } from './ConformanceRun.js';
import { reportJsonSchema } from './reportSchema.generated.js';

export type { JsonSchema } from './_internals/JsonSchema.js';
export { reportJsonSchema } from './reportSchema.generated.js';

type Defs = Readonly<Record<string, JsonSchema>>;

function resolved(schema: JsonSchema, defs: Defs): JsonSchema {
  let current = schema;
  while (current.$ref !== undefined) {
    const target = defs[current.$ref.replace('#/$defs/', '')];
    if (target === undefined) throw new Error(`the report schema has no ${current.$ref}`);
    current = { ...target, ...current, $ref: undefined };
  }
  return current;
}

const describe = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length <= 40 ? JSON.stringify(value) : `a string of ${value.length} characters`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
};

const typeMatches = (type: NonNullable<JsonSchema['type']>, value: unknown): boolean => {
  switch (type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
};

function collectProblems(value: unknown, schema: JsonSchema, defs: Defs, at: string, problems: string[], limit: number): void {
  if (problems.length >= limit) return;
  const s = resolved(schema, defs);
  const where = at === '' ? 'the report' : at;
  if (s.anyOf !== undefined) {
    if (!s.anyOf.some((option) => schemaProblems(value, { ...option, $defs: defs }, 1).length === 0)) problems.push(`${where}: ${describe(value)} matches none of the allowed forms`);
    return;
  }
  if (s.const !== undefined && value !== s.const) return void problems.push(`${where}: expected ${JSON.stringify(s.const)}, got ${describe(value)}`);
  if (s.type !== undefined && !typeMatches(s.type, value)) return void problems.push(`${where}: expected ${s.type === 'integer' ? 'an integer' : `a${s.type === 'array' || s.type === 'object' ? 'n' : ''} ${s.type}`}, got ${describe(value)}`);
  if (s.enum !== undefined && !s.enum.includes(value as string)) return void problems.push(`${where}: ${describe(value)} is not one of ${s.enum.join(', ')}`);
  if (typeof value === 'string' && s.maxLength !== undefined && value.length > s.maxLength) problems.push(`${where}: longer than ${s.maxLength} characters (${value.length})`);
  if (typeof value === 'number' && s.minimum !== undefined && value < s.minimum) problems.push(`${where}: below ${s.minimum} (${value})`);
  if (Array.isArray(value)) {
    if (s.maxItems !== undefined && value.length > s.maxItems) problems.push(`${where}: more than ${s.maxItems} items (${value.length})`);
    if (s.items !== undefined) value.forEach((item, i) => collectProblems(item, s.items!, defs, `${at}/${i}`, problems, limit));
  } else if (typeof value === 'object' && value !== null && s.properties !== undefined) {
    const record = value as Record<string, unknown>;
    for (const key of s.required ?? []) if (!Object.hasOwn(record, key)) problems.push(`${where}: missing ${key}`);
    const entries = Object.entries(record);
    if (s.maxProperties !== undefined && entries.length > s.maxProperties) problems.push(`${where}: more than ${s.maxProperties} fields (${entries.length})`);
    for (const [key, item] of entries) {
      const property = s.properties[key] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
      if (property !== undefined) collectProblems(item, property, defs, `${at}/${key}`, problems, limit);
      else if (s.additionalProperties === false) problems.push(`${where}: unknown field ${JSON.stringify(key.slice(0, 40))}`);
    }
  }
}

/**
 * What is wrong with `value` against `schema` (the whole report by default; its `$defs` resolve
 * its references), at most `limit` problems, each as `<JSON pointer>: <what>`; empty when it
 * conforms. @public
 */
export function schemaProblems(value: unknown, schema: JsonSchema = reportJsonSchema, limit = 5): string[] {
  const problems: string[] = [];
  collectProblems(value, schema, schema.$defs ?? reportJsonSchema.$defs ?? {}, '', problems, limit);
  return problems.slice(0, limit);
}

/** The marker that ends a truncated string; it says how long the original was. @public */
export function truncationMarker(originalLength: number): string {
  return `… [truncated: ${originalLength} characters]`;
}

/** `text` cut to at most `max` characters, ending in a visible {@link truncationMarker} when cut. @public */
export function truncated(text: string, max: number): string {
  if (text.length <= max) return text;
  const marker = truncationMarker(text.length);
  let keep = Math.max(0, max - marker.length);
  // Never split a surrogate pair: half a character is not text.
  if (keep > 0 && /[\uD800-\uDBFF]/.test(text[keep - 1]!)) keep -= 1;
  return `${text.slice(0, keep)}${marker}`.slice(0, max);
}

function bounded(value: unknown, schema: JsonSchema, defs: Defs): unknown {
  const s = resolved(schema, defs);
  if (typeof value === 'string') return s.maxLength === undefined ? value : truncated(value, s.maxLength);
  if (Array.isArray(value)) {
    // Cut the list first, then its items: what is dropped is never copied.
    const each = (items: unknown[]): unknown[] => (s.items === undefined ? items : items.map((item) => bounded(item, s.items!, defs)));
    if (s.maxItems === undefined || value.length <= s.maxItems) return each(value);
    if (resolved(s.items ?? {}, defs).type !== 'string') return each(value.slice(0, s.maxItems));
    // Keep the start and the end (a history's end is where it failed), and say how much went.
    const head = Math.ceil((s.maxItems - 1) / 2);
    const tail = s.maxItems - 1 - head;
    return [...each(value.slice(0, head)), `… [${value.length - head - tail} more omitted]`, ...each(value.slice(value.length - tail))];
  }
  if (typeof value === 'object' && value !== null && s.properties !== undefined) {
    const extra = typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
    const entries = Object.entries(value);
    const kept = s.maxProperties === undefined ? entries : entries.slice(0, s.maxProperties);
    return Object.fromEntries(
      kept.map(([key, item]) => {
        const property = s.properties![key] ?? extra;
        return [extra !== undefined && s.properties![key] === undefined ? truncated(key, defaultKeyLength) : key, property === undefined ? item : bounded(item, property, defs)];
      }),
    );
  }
  return value;
}

/** Keys of a record (the adapter may name them) are cut like any other string. */
const defaultKeyLength = 1000;

const ruleOutcomeSchema: JsonSchema = { $ref: '#/$defs/RuleOutcome' };

/**
 * The run with every string and list cut to the size the report schema allows (documented in
 * docs/command-line.md): adapters supply messages, steps, histories and their own name, and a
 * 5 MB actor path must not become a 40 MB report or a terminal flood. @public
 */
export function boundedRun(run: ConformanceRun): ConformanceRun {
  return boundedBySchema(run, reportJsonSchema) as ConformanceRun;
}

/** `value` with every string, list and record cut to the bounds of `schema` (its `$defs` resolve its references). @public */
export function boundedBySchema(value: unknown, schema: JsonSchema): unknown {
  return bounded(value, schema, schema.$defs ?? reportJsonSchema.$defs ?? {});
}

/** One rule's outcome bounded the same way, for what is printed while the run goes on. @public */
export function boundedOutcome(outcome: RuleOutcome): RuleOutcome {
  return bounded(outcome, ruleOutcomeSchema, reportJsonSchema.$defs ?? {}) as RuleOutcome;
}
