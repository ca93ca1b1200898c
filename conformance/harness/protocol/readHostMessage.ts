import { isCapability, type Capability } from '../../../spec/index.js';
import type { ExtensionLookup, HistoryEvent, HookSite } from '../../../spec/model/index.js';
import type { HookPolicyDeclaration } from '../../contract/HookEnvironment.js';
import type { AdapterDeclaration, DeliveredChange, Fault, HostGreeting, HostReply, ScriptCoverage, StoreDeclaration } from './messages.js';
import { truncated as cut } from '../../report/reportSchema.js';
import { protocolLimits } from './protocolLimits.js';

/** A message from the host that is not what the protocol allows; the adapter's fault, never the kit's crash. */
export class ProtocolViolation extends Error {
  readonly code = 'PROTOCOL_VIOLATION';
  constructor(problem: string) {
    super(problem);
    this.name = 'ProtocolViolation';
  }
}

type Fields = Readonly<Record<string, unknown>>;

const fail = (problem: string): never => {
  throw new ProtocolViolation(problem);
};

/** Cuts a string to `max` characters with the reports' marker, so a cut string never equals one the kit made. */
export function truncated(text: string, max: number = protocolLimits.maxStringChars): string {
  return cut(text, max);
}

function record(value: unknown, what: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(`${what} is not an object`);
  return value as Fields;
}

function list(value: unknown, what: string, max: number): readonly unknown[] {
  if (!Array.isArray(value)) return fail(`${what} is not an array`);
  if (value.length > max) return fail(`${what} holds ${value.length} entries, more than the ${max} allowed`);
  return value;
}

function text(fields: Fields, key: string, what: string, max?: number): string {
  const value = fields[key];
  if (typeof value !== 'string') return fail(`${what}.${key} is not a string`);
  return truncated(value, max);
}

function path(fields: Fields, key: string, what: string): string {
  const value = text(fields, key, what);
  if (value.length === 0) return fail(`${what}.${key} is empty`);
  return value;
}

function integer(fields: Fields, key: string, what: string, min: number): number {
  const value = fields[key];
  if (!Number.isSafeInteger(value) || (value as number) < min) return fail(`${what}.${key} is not an integer ≥ ${min}: ${shortJson(value)}`);
  return value as number;
}

function finite(fields: Fields, key: string, what: string): number {
  const value = fields[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) return fail(`${what}.${key} is not a finite number: ${shortJson(value)}`);
  return value;
}

function oneOf<T extends string>(fields: Fields, key: string, what: string, allowed: readonly T[]): T {
  const value = fields[key];
  if (!allowed.includes(value as T)) return fail(`${what}.${key} is not one of ${allowed.join(', ')}: ${shortJson(value)}`);
  return value as T;
}

function shortJson(value: unknown): string {
  return truncated(JSON.stringify(value) ?? String(value), 80);
}

/**
 * One history event rebuilt from its checked fields only: extra fields are dropped, strings
 * cut, numbers checked, so what the checker sees is always a well-formed event.
 */
export function readEvent(raw: unknown, what: string): HistoryEvent {
  const e = record(raw, what);
  const p = () => path(e, 'path', what);
  const id = () => integer(e, 'id', what, 0);
  const state = () => finite(e, 'state', what);
  switch (e['kind']) {
    case 'setup':
      return { kind: 'setup', path: p(), incarnation: integer(e, 'incarnation', what, 1) };
    case 'received':
      return { kind: 'received', path: p(), id: id(), count: integer(e, 'count', what, 0) };
    case 'signal':
      return { kind: 'signal', path: p(), signal: oneOf(e, 'signal', what, ['PreRestart', 'PostStop'] as const) };
    case 'terminated':
      return { kind: 'terminated', path: p(), of: path(e, 'of', what) };
    case 'childFailed':
      return { kind: 'childFailed', path: p(), of: path(e, 'of', what), cause: text(e, 'cause', what) };
    case 'watchMessage':
      return { kind: 'watchMessage', path: p(), of: path(e, 'of', what) };
    case 'deadLetter':
      return { kind: 'deadLetter', path: p(), id: id() };
    case 'recovered':
      return { kind: 'recovered', path: p(), state: state(), revision: integer(e, 'revision', what, 0) };
    case 'recoveryFailed':
      return { kind: 'recoveryFailed', path: p() };
    case 'handled':
      return { kind: 'handled', path: p(), id: id(), state: state(), revision: integer(e, 'revision', what, 0) };
    case 'callback':
      return { kind: 'callback', path: p(), id: id(), step: integer(e, 'step', what, 0), state: state() };
    case 'reply':
      return { kind: 'reply', path: p(), id: id(), state: state() };
    case 'stashDropped':
      return { kind: 'stashDropped', path: p(), id: id() };
    case 'write':
      return { kind: 'write', path: p(), op: oneOf(e, 'op', what, ['upsert', 'delete'] as const), revision: integer(e, 'revision', what, Number.MIN_SAFE_INTEGER), ok: bool(e, 'ok', what) };
    default:
      return fail(`${what}.kind is not an event kind: ${shortJson(e['kind'])}`);
  }
}

function bool(fields: Fields, key: string, what: string): boolean {
  const value = fields[key];
  if (typeof value !== 'boolean') return fail(`${what}.${key} is not a boolean`);
  return value;
}

const hookSites: readonly HookSite[] = ['preStart', 'receive', 'postStop'];

function readLookup(raw: unknown, what: string): ExtensionLookup {
  const l = record(raw, what);
  return { path: path(l, 'path', what), site: oneOf(l, 'site', what, hookSites), id: text(l, 'id', what), same: bool(l, 'same', what) };
}

function readFault(raw: unknown, what: string): Fault {
  const f = record(raw, what);
  return { operation: text(f, 'operation', what, 100), message: text(f, 'message', what, protocolLimits.maxMessageTextChars) };
}

function readFaults(fields: Fields): Fault[] {
  return list(fields['faults'], 'faults', protocolLimits.maxFaults).map((f, i) => readFault(f, `faults[${i}]`));
}

function readChange(raw: unknown, what: string): DeliveredChange {
  const c = record(raw, what);
  return {
    type: oneOf(c, 'type', what, ['updated', 'deleted'] as const),
    persistenceId: text(c, 'persistenceId', what),
    revision: integer(c, 'revision', what, Number.MIN_SAFE_INTEGER),
    tag: text(c, 'tag', what),
    offset: integer(c, 'offset', what, Number.MIN_SAFE_INTEGER),
    ...('value' in c ? { value: c['value'] } : {}),
  };
}

function readScripts(raw: unknown): ScriptCoverage[] {
  return list(raw, 'scripts', 1_000_000).map((s, i) => {
    const script = record(s, `scripts[${i}]`);
    const functions = list(script['functions'], `scripts[${i}].functions`, 10_000_000).map((f, j) =>
      ({
        ranges: list(record(f, `scripts[${i}].functions[${j}]`)['ranges'], 'ranges', 10_000_000).map((r, k) => {
          const range = record(r, `range ${k}`);
          return { startOffset: integer(range, 'startOffset', 'range', 0), endOffset: integer(range, 'endOffset', 'range', 0), count: integer(range, 'count', 'range', 0) };
        }),
      }),
    );
    return { url: text(script, 'url', 'script', 10_000), source: text(script, 'source', 'script', 100_000_000), functions };
  });
}

/**
 * Parses one message text from a host, refusing anything that is not a string within the
 * size limit or not JSON. The kit's own `JSON` is used: the host's realm cannot reach it.
 */
export function parseHostMessage(raw: unknown, maxChars: number = protocolLimits.maxMessageChars): Fields {
  if (typeof raw !== 'string') return fail(`a message that is not JSON text (${raw === null ? 'null' : typeof raw})`);
  if (raw.length > maxChars) return fail(`a message of ${raw.length} characters, more than the ${maxChars} allowed`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return fail(`a message that is not valid JSON: ${truncated(raw, 80)}`);
  }
  return record(parsed, 'the message');
}

function readHookPolicy(raw: unknown): HookPolicyDeclaration | undefined {
  if (raw === undefined) return undefined;
  const h = record(raw, 'adapter.hookPolicy');
  const stop = h['stopHookOnRestart'];
  const timeout = h['startTimeout'];
  if (stop !== undefined && stop !== 'never' && stop !== 'always') return fail('adapter.hookPolicy.stopHookOnRestart is not never or always');
  if (timeout !== undefined && typeof timeout !== 'boolean') return fail('adapter.hookPolicy.startTimeout is not a boolean');
  return {
    restartedChildren: oneOf(h, 'restartedChildren', 'adapter.hookPolicy', ['stopped', 'rebuilt'] as const),
    ...(stop !== undefined ? { stopHookOnRestart: stop } : {}),
    ...(timeout !== undefined ? { startTimeout: timeout } : {}),
  };
}

/** The host's first message, checked: a greeting with the adapter's declaration, or why loading failed. */
export function readGreeting(raw: unknown): HostGreeting {
  const m = parseHostMessage(raw);
  const protocol = integer(m, 'protocol', 'the greeting', 0);
  if (m['type'] === 'loadFailed') {
    return { type: 'loadFailed', protocol, code: oneOf(m, 'code', 'the greeting', ['ADAPTER_IMPORT_FAILED', 'ADAPTER_CONTRACT'] as const), message: text(m, 'message', 'the greeting', protocolLimits.maxMessageTextChars) };
  }
  if (m['type'] !== 'hello') return fail(`the first message is not a greeting: type ${shortJson(m['type'])}`);
  const adapter = m['adapter'] === undefined ? undefined : readAdapterDeclaration(record(m['adapter'], 'adapter'));
  const store = m['store'] === undefined ? undefined : readStoreDeclaration(record(m['store'], 'store'));
  if (adapter === undefined && store === undefined) return fail('the greeting announces neither an adapter nor a store plugin');
  return { type: 'hello', protocol, ...(adapter !== undefined ? { adapter } : {}), ...(store !== undefined ? { store } : {}) };
}

/** The name, version and capabilities every declaration carries. */
function readIdentity(a: Fields, where: string): { name: string; version: string; capabilities: Capability[] } {
  const name = text(a, 'name', where, 200);
  if (name.length === 0) return fail(`${where}.name is empty`);
  const capabilities = list(a['capabilities'], `${where}.capabilities`, 1_000).map((c) =>
    typeof c === 'string' && isCapability(c) ? c : fail(`${where}.capabilities holds an unknown word: ${shortJson(c)}`),
  ) as Capability[];
  return { name, version: text(a, 'version', where, 200), capabilities };
}

function readAdapterDeclaration(a: Fields): AdapterDeclaration {
  const hookPolicy = readHookPolicy(a['hookPolicy']);
  return { ...readIdentity(a, 'adapter'), ...(hookPolicy !== undefined ? { hookPolicy } : {}) };
}

function readStoreDeclaration(s: Fields): StoreDeclaration {
  const deleteOfUnknownId = s['deleteOfUnknownId'] === undefined ? undefined : oneOf(s, 'deleteOfUnknownId', 'store', ['tombstone', 'ignore'] as const);
  const patienceMs = s['patienceMs'] === undefined ? undefined : finite(s, 'patienceMs', 'store');
  if (patienceMs !== undefined && patienceMs < 0) return fail(`store.patienceMs is negative: ${patienceMs}`);
  return {
    ...readIdentity(s, 'store'),
    ...(deleteOfUnknownId !== undefined ? { deleteOfUnknownId } : {}),
    ...(patienceMs !== undefined ? { patienceMs } : {}),
  };
}

/** Reply types each request may be answered with (besides `fault` and `rejected`). */
const answers: Readonly<Record<string, readonly HostReply['type'][]>> = {
  start: ['started'],
  step: ['observed'],
  stop: ['stopped'],
  storeOpen: ['storeOpened'],
  store: ['storeResult'],
  storeClose: ['storeClosed'],
  storeTeardown: ['storeTornDown'],
  coverage: ['coverage'],
};

/**
 * A reply to the request of type `requestType`, checked field by field and rebuilt from what
 * was checked. Throws {@link ProtocolViolation} for anything else.
 */
export function readReply(m: Fields, requestType: string): HostReply {
  const id = integer(m, 'id', 'the reply', 0);
  const type = m['type'];
  if (type === 'fault') return { id, type, fault: readFault(m['fault'], 'fault') };
  if (type === 'rejected') return { id, type, message: text(m, 'message', 'the reply', protocolLimits.maxMessageTextChars) };
  if (!(answers[requestType] ?? []).includes(type as HostReply['type'])) return fail(`a ${shortJson(type)} reply to a ${requestType} request`);
  switch (type as HostReply['type']) {
    case 'started':
      return { id, type: 'started', run: integer(m, 'run', 'the reply', 0), faults: readFaults(m) };
    case 'stopped':
      return { id, type: 'stopped', faults: readFaults(m) };
    case 'observed':
      return {
        id,
        type: 'observed',
        faults: readFaults(m),
        events: list(m['events'], 'events', protocolLimits.maxEventsPerStep).map((e, i) => readEvent(e, `events[${i}]`)),
        lookups: list(m['lookups'], 'lookups', protocolLimits.maxEventsPerStep).map((l, i) => readLookup(l, `lookups[${i}]`)),
        wrongTags: list(m['wrongTags'], 'wrongTags', protocolLimits.maxFaults).map((w, i) => truncated(typeof w === 'string' ? w : fail(`wrongTags[${i}] is not a string`))),
      };
    case 'storeOpened':
      return { id, type: 'storeOpened', store: integer(m, 'store', 'the reply', 0) };
    case 'storeClosed':
      return { id, type: 'storeClosed' };
    case 'storeTornDown':
      return { id, type: 'storeTornDown' };
    case 'storeResult': {
      if (m['ok'] === false) return { id, type: 'storeResult', ok: false, error: text(m, 'error', 'the reply', protocolLimits.maxMessageTextChars) };
      if (m['ok'] !== true) return fail('storeResult.ok is not a boolean');
      const changes = m['changes'] === undefined ? undefined : list(m['changes'], 'changes', protocolLimits.maxChanges).map((c, i) => readChange(c, `changes[${i}]`));
      const revision = m['revision'] === undefined ? undefined : integer(m, 'revision', 'storeResult', Number.MIN_SAFE_INTEGER);
      const cursor = m['cursor'] === undefined ? undefined : integer(m, 'cursor', 'storeResult', 0);
      const done = m['done'] === undefined ? undefined : bool(m, 'done', 'storeResult');
      return {
        id,
        type: 'storeResult',
        ok: true,
        ...('value' in m ? { value: m['value'] } : {}),
        ...(revision !== undefined ? { revision } : {}),
        ...(cursor !== undefined ? { cursor } : {}),
        ...(changes ? { changes } : {}),
        ...(done !== undefined ? { done } : {}),
      };
    }
    case 'coverage':
      return { id, type: 'coverage', scripts: readScripts(m['scripts']) };
    default:
      return fail(`an unknown reply type ${shortJson(type)}`);
  }
}
