import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AdapterLoadError } from './AdapterLoadError.js';

/** Where an adapter module lives, ready to import. @public */
export interface AdapterLocation {
  /** File URL of the module. */
  readonly url: string;
  /** What the user gave (or `built-in reference runtime`), for messages and reports. */
  readonly source: string;
}

/** Extensions tried, in order, for a file given without one (or a compiled `.js` that is still `.ts`). */
const extensions = ['', '.ts', '.mts', '.js', '.mjs', '.cjs'];

function existingFile(path: string): string | undefined {
  const stem = path.replace(/\.(js|mjs)$/, '');
  for (const candidate of [...extensions.map((e) => path + e), ...extensions.slice(1).map((e) => stem + e)]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  const index = join(path, 'index');
  for (const e of extensions.slice(1)) if (existsSync(index + e)) return index + e;
  return undefined;
}

/** The module a package exports for `import`, read from its package.json. */
function packageEntry(name: string, cwd: string): string | undefined {
  const require = createRequire(join(cwd, 'noop.js'));
  try {
    return require.resolve(name);
  } catch {
    // An ESM-only package has no `require` entry: read its package.json instead.
  }
  let manifestPath: string;
  try {
    manifestPath = require.resolve(`${name}/package.json`);
  } catch {
    return undefined;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports?: unknown; module?: string; main?: string };
  const root = typeof manifest.exports === 'object' && manifest.exports !== null ? (manifest.exports as Record<string, unknown>)['.'] ?? manifest.exports : manifest.exports;
  const pick = (entry: unknown): string | undefined => {
    if (typeof entry === 'string') return entry;
    if (typeof entry === 'object' && entry !== null) {
      const conditions = entry as Record<string, unknown>;
      for (const key of ['import', 'node', 'default']) {
        const found = pick(conditions[key]);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
  const relative = pick(root) ?? manifest.module ?? manifest.main ?? 'index.js';
  return existingFile(resolve(dirname(manifestPath), relative));
}

/** What `--adapter` takes to mean the kit's own reference runtime (`./reference` names a file). @public */
export const referenceAdapterKeyword = 'reference';

/** The `source` of the built-in reference runtime in reports (it has no path the user gave). @public */
export const builtInReferenceSource = 'built-in reference runtime';

/**
 * Finds the adapter named on the command line: `reference` for the built-in reference
 * runtime, a file path (TypeScript or JavaScript, the extension may be left out) relative to
 * `cwd`, or an installed package name. Throws
 * {@link AdapterLoadError} with code `ADAPTER_NOT_FOUND` when neither exists.
 *
 * @public
 */
export function resolveAdapter(spec: string, cwd: string = process.cwd()): AdapterLocation {
  if (spec === referenceAdapterKeyword) return referenceAdapterLocation();
  const looksLikePath = spec.startsWith('.') || isAbsolute(spec) || /\.(c|m)?[jt]s$/.test(spec);
  const file = existingFile(resolve(cwd, spec));
  if (file !== undefined) return { url: pathToFileURL(file).href, source: spec };
  if (!looksLikePath) {
    const entry = packageEntry(spec, cwd);
    if (entry !== undefined) return { url: pathToFileURL(entry).href, source: spec };
  }
  throw new AdapterLoadError(
    'ADAPTER_NOT_FOUND',
    spec,
    looksLikePath ? `no file at ${resolve(cwd, spec)}` : `no file ${resolve(cwd, spec)} and no installed package named ${spec}`,
  );
}

/** The kit's own adapter for the reference runtime (what runs when no `--adapter` is given). @public */
export function referenceAdapterLocation(): AdapterLocation {
  const here = dirname(fileURLToPath(import.meta.url));
  const file = existingFile(resolve(here, '../adapters/reference-runtime.js'));
  if (file === undefined) throw new AdapterLoadError('ADAPTER_NOT_FOUND', builtInReferenceSource, `missing next to ${here}`);
  return { url: pathToFileURL(file).href, source: builtInReferenceSource };
}
