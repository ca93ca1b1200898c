import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type TypeScript from 'typescript';

/** What `check-adapter` found: the type errors, each already formatted, and which contract was checked. */
export interface AdapterTypeCheck {
  /** `RuntimeAdapter` or `StorePlugin`, or `undefined` when no export looked like either. */
  readonly contract: 'RuntimeAdapter' | 'StorePlugin' | undefined;
  /** The export checked against the contract (`default`, `adapter`, or the only adapter-like one). */
  readonly exportName: string | undefined;
  readonly errors: readonly string[];
}

/** The kit's public contract types, from wherever this file runs (the sources, or `dist/` with its `.d.ts`). */
const contractModule = fileURLToPath(new URL('../../index.js', import.meta.url));

/** The kit's own files: checked when it was built, not the user's to fix (it may run from its sources). */
const kitFolders = ['spec', 'src', 'conformance', 'dist'].map((folder) => fileURLToPath(new URL(`../../../${folder}/`, import.meta.url)));

/** The module that stands in for "assign the adapter's export to the contract type"; never written to disk. */
const probeName = '__actor_conformance_check__.ts';

function compilerOptions(ts: typeof TypeScript, file: string): TypeScript.CompilerOptions {
  const configFile = ts.findConfigFile(dirname(file), ts.sys.fileExists);
  // Without a tsconfig.json above the adapter: what the kit itself compiles with.
  const defaults: TypeScript.CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
  };
  const base = configFile === undefined ? defaults : ts.parseJsonConfigFileContent(ts.readConfigFile(configFile, ts.sys.readFile).config, ts.sys, dirname(configFile)).options;
  // Only checked, never emitted: importing `.ts` files by their own name is then allowed too.
  return { ...base, noEmit: true, allowImportingTsExtensions: true, declaration: false, composite: false, incremental: false };
}

/** The export the CLI would load (same order as `adapterExportOf`), and which contract it looks like. */
function chooseExport(ts: typeof TypeScript, checker: TypeScript.TypeChecker, source: TypeScript.SourceFile): { name: string; contract: AdapterTypeCheck['contract'] } | undefined {
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (moduleSymbol === undefined) return undefined;
  const exports = checker.getExportsOfModule(moduleSymbol).filter((s) => (s.flags & ts.SymbolFlags.Value) !== 0 || (s.flags & ts.SymbolFlags.Alias) !== 0);
  const typeOf = (symbol: TypeScript.Symbol): TypeScript.Type => checker.getTypeOfSymbolAtLocation(symbol, source);
  const has = (symbol: TypeScript.Symbol, member: string): boolean => typeOf(symbol).getProperty(member) !== undefined;
  const contractOf = (symbol: TypeScript.Symbol): AdapterTypeCheck['contract'] => (has(symbol, 'createStore') && !has(symbol, 'start') ? 'StorePlugin' : 'RuntimeAdapter');
  for (const preferred of ['default', 'adapter']) {
    const symbol = exports.find((s) => s.name === preferred);
    if (symbol !== undefined) return { name: preferred, contract: contractOf(symbol) };
  }
  const lookalikes = exports.filter((s) => has(s, 'name') && (has(s, 'start') || has(s, 'createStore')));
  const [only] = lookalikes;
  return lookalikes.length === 1 && only !== undefined ? { name: only.name, contract: contractOf(only) } : undefined;
}

/**
 * Type-checks an adapter file with the TypeScript this kit ships, against the contract its
 * export claims (RuntimeAdapter, or StorePlugin for a store plugin): the file's own type errors
 * and those of the local files it imports, then whether its export is assignable to the contract.
 * Uses the nearest tsconfig.json above the file, else the kit's strict settings.
 */
export async function typeCheckAdapter(file: string, cwd: string): Promise<AdapterTypeCheck> {
  const ts = (await import('typescript')).default;
  const options = compilerOptions(ts, file);
  const host = ts.createCompilerHost(options);
  const shown = (path: string): string => relative(cwd, path) || path;
  const format = (diagnostics: readonly TypeScript.Diagnostic[]): string[] =>
    diagnostics.map((d) => {
      const text = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
      if (d.file === undefined || d.start === undefined) return `error TS${d.code}: ${text}`;
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      return `${shown(d.file.fileName)}:${line + 1}:${character + 1} - error TS${d.code}: ${text}`;
    });

  const first = ts.createProgram([file], options, host);
  const source = first.getSourceFile(file);
  if (source === undefined) return { contract: undefined, exportName: undefined, errors: [`${shown(file)}: TypeScript could not read it`] };
  const own = (d: TypeScript.Diagnostic): boolean =>
    d.file === undefined || (!d.file.fileName.includes('/node_modules/') && !kitFolders.some((folder) => d.file!.fileName.startsWith(folder)));
  const errors = format(ts.getPreEmitDiagnostics(first).filter((d) => d.category === ts.DiagnosticCategory.Error && own(d)));
  const chosen = chooseExport(ts, first.getTypeChecker(), source);
  if (chosen === undefined || chosen.contract === undefined) {
    return { contract: undefined, exportName: undefined, errors: [...errors, `${shown(file)}: exports no adapter: export a RuntimeAdapter (or a StorePlugin) as default or as \`adapter\``] };
  }

  // A second program with one more module that assigns the export to the contract type.
  const probe = join(dirname(file), probeName);
  const probeText = [
    `import type { ${chosen.contract} } from ${JSON.stringify(contractModule)};`,
    `import * as adapterModule from ${JSON.stringify(`./${relative(dirname(file), file)}`)};`,
    `export const checked: ${chosen.contract} = adapterModule[${JSON.stringify(chosen.name)}];`,
  ].join('\n');
  const probeHost: TypeScript.CompilerHost = {
    ...host,
    fileExists: (path) => path === probe || host.fileExists(path),
    readFile: (path) => (path === probe ? probeText : host.readFile(path)),
    getSourceFile: (path, language, onError, shouldCreate) =>
      path === probe ? ts.createSourceFile(path, probeText, language) : host.getSourceFile(path, language, onError, shouldCreate),
  };
  const second = ts.createProgram({ rootNames: [file, probe], options, host: probeHost, oldProgram: first });
  const mismatch = ts.getPreEmitDiagnostics(second, second.getSourceFile(probe)).filter((d) => d.category === ts.DiagnosticCategory.Error);
  const contractErrors = mismatch.map(
    (d) => `${shown(file)}: its export \`${chosen.name}\` does not satisfy ${chosen.contract}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n  ')}`,
  );
  return { contract: chosen.contract, exportName: chosen.name, errors: [...errors, ...contractErrors] };
}
