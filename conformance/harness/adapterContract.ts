import { capabilityRole, isCapability, type Capability } from '../../spec/index.js';
import { suiteEnvironment } from '../_internals/suiteEnvironment.js';
import type { RuntimeAdapter, SystemUnderTest } from '../contract/RuntimeAdapter.js';
import type { StorePlugin } from '../contract/StorePlugin.js';
import { AdapterLoadError } from './AdapterLoadError.js';

/** Module exports that may hold the adapter, in the order they are tried. */
const preferredExports = ['default', 'adapter'] as const;

function looksLikeAdapter(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && 'start' in value && 'name' in value;
}

function looksLikeStorePlugin(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && 'createStore' in value && 'name' in value && !('start' in value);
}

/** What one module offers the suite: a runtime adapter, a store plugin, or both. @public */
export interface Implementations {
  readonly runtime?: RuntimeAdapter;
  readonly store?: StorePlugin;
}

/**
 * Picks what a loaded module offers and checks it against its contract: a store plugin (a
 * `StorePlugin`, whose STORE and TAG rules are run) or a runtime adapter, as its default
 * export, its `adapter` export or its only export of that kind. A runtime adapter's module may
 * also export one store plugin (the runtime's own store): both are then judged, as the
 * reference runtime's module does with its embedded default store.
 *
 * @public
 */
export function implementationsOf(module: Readonly<Record<string, unknown>>, source: string): Implementations {
  const primary = preferredExports.map((key) => module[key]).find((value) => value !== undefined);
  const stores = Object.entries(module).filter(([, value]) => looksLikeStorePlugin(value));
  const onlyStore = (): StorePlugin | undefined => {
    if (stores.length > 1) {
      throw new AdapterLoadError('ADAPTER_CONTRACT', source, `it exports several store plugins (${stores.map(([k]) => k).join(', ')}); export the one to test as default`);
    }
    return stores[0] === undefined ? undefined : checkStorePluginContract(stores[0][1], source);
  };
  if (looksLikeStorePlugin(primary)) return { store: checkStorePluginContract(primary, source) };
  const runtimes = Object.values(module).filter(looksLikeAdapter);
  if (primary === undefined && runtimes.length === 0 && stores.length > 0) return { store: onlyStore()! };
  const runtime = checkAdapterContract(adapterExportOf(module, source), source);
  const store = onlyStore();
  return store === undefined ? { runtime } : { runtime, store };
}

/**
 * Picks the adapter out of a loaded module: its default export, else an export named
 * `adapter`, else its only export that looks like one (`name` and `start`).
 *
 * @public
 */
export function adapterExportOf(module: Readonly<Record<string, unknown>>, source: string): unknown {
  for (const key of preferredExports) if (module[key] !== undefined) return module[key];
  const candidates = Object.entries(module).filter(([, value]) => looksLikeAdapter(value));
  const [only] = candidates;
  if (candidates.length === 1 && only) return only[1];
  const names = Object.keys(module);
  throw new AdapterLoadError(
    'ADAPTER_CONTRACT',
    source,
    candidates.length > 1
      ? `it exports several adapters (${candidates.map(([k]) => k).join(', ')}); export the one to test as default`
      : `it exports no adapter (exports: ${names.length === 0 ? 'none' : names.join(', ')}); export a RuntimeAdapter or a StorePlugin as default or as \`adapter\``,
  );
}

/**
 * Checks a value against the {@link RuntimeAdapter} contract and names the first member that
 * is missing or of the wrong kind.
 *
 * @public
 */
export function checkAdapterContract(value: unknown, source: string): RuntimeAdapter {
  const fail = (problem: string): never => {
    throw new AdapterLoadError('ADAPTER_CONTRACT', source, problem);
  };
  if (typeof value !== 'object' || value === null) return fail(`the export is ${value === null ? 'null' : typeof value}, not an adapter object`);
  const adapter = value as Record<string, unknown>;
  const member = (name: string, kind: string, ok: (v: unknown) => boolean): void => {
    if (!(name in adapter) || adapter[name] === undefined) fail(`the adapter has no \`${name}\` (${kind}), a required member of RuntimeAdapter`);
    if (!ok(adapter[name])) fail(`the adapter's \`${name}\` must be ${kind}, got ${typeof adapter[name]}`);
  };
  member('name', 'a string', (v) => typeof v === 'string' && v.length > 0);
  member('version', 'a string', (v) => typeof v === 'string');
  member('capabilities', 'an array of capability words', Array.isArray);
  member('runtimeErrors', 'an object of error classes', (v) => typeof v === 'object' && v !== null);
  member('start', 'a function', (v) => typeof v === 'function');
  const unknown = (adapter['capabilities'] as unknown[]).filter((c) => typeof c !== 'string' || !isCapability(c));
  if (unknown.length > 0) fail(`\`capabilities\` holds unknown words: ${unknown.map(String).join(', ')}`);
  return value as RuntimeAdapter;
}

/** What `deleteOfUnknownId` may say (STORE-08). */
const unknownIdAnswers: readonly unknown[] = ['tombstone', 'ignore'];

/**
 * Checks a value against the {@link StorePlugin} contract and names the first member that is
 * missing or of the wrong kind.
 *
 * @public
 */
export function checkStorePluginContract(value: unknown, source: string): StorePlugin {
  const fail = (problem: string): never => {
    throw new AdapterLoadError('ADAPTER_CONTRACT', source, problem);
  };
  if (typeof value !== 'object' || value === null) return fail(`the export is ${value === null ? 'null' : typeof value}, not a store plugin object`);
  const plugin = value as Record<string, unknown>;
  const member = (name: string, kind: string, ok: (v: unknown) => boolean, required: boolean): void => {
    if (!(name in plugin) || plugin[name] === undefined) {
      if (required) fail(`the store plugin has no \`${name}\` (${kind}), a required member of StorePlugin`);
      return;
    }
    if (!ok(plugin[name])) fail(`the store plugin's \`${name}\` must be ${kind}, got ${JSON.stringify(plugin[name]) ?? typeof plugin[name]}`);
  };
  const isFunction = (v: unknown): boolean => typeof v === 'function';
  member('name', 'a string', (v) => typeof v === 'string' && v.length > 0, true);
  member('version', 'a string', (v) => typeof v === 'string', true);
  member('capabilities', 'an array of capability words', Array.isArray, true);
  member('createStore', 'a function', isFunction, true);
  for (const optional of ['setup', 'dispose', 'teardown']) member(optional, 'a function', isFunction, false);
  member('deleteOfUnknownId', "'tombstone' or 'ignore'", (v) => unknownIdAnswers.includes(v), false);
  member('patienceMs', 'a positive number of milliseconds', (v) => typeof v === 'number' && Number.isFinite(v) && v > 0, false);
  const capabilities = plugin['capabilities'] as unknown[];
  const unknown = capabilities.filter((c) => typeof c !== 'string' || !isCapability(c));
  if (unknown.length > 0) fail(`\`capabilities\` holds unknown words: ${unknown.map(String).join(', ')}`);
  const notStore = (capabilities as Capability[]).filter((c) => capabilityRole(c) !== 'store');
  if (notStore.length > 0) fail(`\`capabilities\` of a store plugin holds runtime words: ${notStore.map(String).join(', ')} (a store plugin declares \`store\` and \`store.*\` words)`);
  if (!capabilities.includes('store')) fail('`capabilities` must include `store`, the store contract every plugin implements');
  return value as StorePlugin;
}

/** Members of the system every adapter's `start()` must return. */
const requiredSystemMembers = ['spawn', 'tell', 'shutdown'] as const;

/** Members of the system a capability promises: declaring it without them is an adapter error, not a failed rule. */
const systemMembersByCapability: Readonly<Partial<Record<Capability, readonly (keyof SystemUnderTest)[]>>> = {
  'durable-state': ['spawnEntity', 'tellEntity'],
  hooks: ['spawnHooked', 'tellHooked', 'stopHooked'],
};

/**
 * What is wrong with the system an adapter's `start()` returned, or `undefined`: a required
 * member that is not a function, or a member a declared capability needs (an over-declared
 * capability, named with the member it lacks).
 *
 * @public
 */
export function systemContractProblem(system: unknown, capabilities: readonly Capability[]): string | undefined {
  if (typeof system !== 'object' || system === null) return `its start() returned ${system === null ? 'null' : typeof system}, not a SystemUnderTest`;
  const members = system as Record<string, unknown>;
  for (const member of requiredSystemMembers) {
    if (typeof members[member] !== 'function') return `the system its start() returned has no \`${member}\` function, a required member of SystemUnderTest`;
  }
  for (const capability of capabilities) {
    const missing = (systemMembersByCapability[capability] ?? []).filter((member) => typeof members[member] !== 'function');
    if (missing.length > 0) {
      return `it declares the capability \`${capability}\`, but the system its start() returned has no ${missing.map((m) => `\`${m}\``).join(', ')} function (declare \`${capability}\` only with them)`;
    }
  }
  return undefined;
}

/**
 * Starts one system with a plain environment and checks it against {@link systemContractProblem},
 * so an over-declared capability is reported when the adapter is loaded, before any rule runs.
 * A `start()` or `shutdown()` that throws here is not judged: the runs report it with its context.
 *
 * @public
 */
export async function checkStartedSystem(adapter: RuntimeAdapter, source: string): Promise<void> {
  let system: SystemUnderTest;
  try {
    system = await adapter.start(suiteEnvironment([], adapter.runtimeErrors).env);
  } catch {
    return;
  }
  const problem = systemContractProblem(system, adapter.capabilities);
  await Promise.resolve()
    .then(() => system.shutdown())
    .catch(() => undefined);
  if (problem !== undefined) throw new AdapterLoadError('ADAPTER_CONTRACT', source, problem);
}
