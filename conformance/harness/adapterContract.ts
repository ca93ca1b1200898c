import { isCapability } from '../../spec/index.js';
import type { RuntimeAdapter } from '../contract/RuntimeAdapter.js';
import { AdapterLoadError } from './AdapterLoadError.js';

/** Module exports that may hold the adapter, in the order they are tried. */
const preferredExports = ['default', 'adapter'] as const;

function looksLikeAdapter(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && 'start' in value && 'name' in value;
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
      : `it exports no adapter (exports: ${names.length === 0 ? 'none' : names.join(', ')}); export a RuntimeAdapter as default or as \`adapter\``,
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
