import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from 'commander';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guideSections, skeletonSystemMembers } from '../../../conformance/cli/_internals/initTemplates.js';
import { InitError, initAdapter, registerInit } from '../../../conformance/cli/init.js';
import type { RuntimeAdapter } from '../../../conformance/contract/RuntimeAdapter.js';
import { runConformance } from '../../../conformance/engine/runConformance.js';
import { resolveAdapter } from '../../../conformance/harness/resolveAdapter.js';
import { runSuite } from '../../../conformance/harness/runSuite.js';
import { capabilities, capabilityRole, type Capability } from '../../../spec/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const toyRuntime = join(root, 'examples', 'toy-runtime');
let project: string;
/** The skeleton as `init` wrote it, and a second one filled in with the toy runtime's adapter. */
let skeleton: string;
let filled: string;
let skeletonWritten: readonly string[];
let diagnostics: (folder: string) => string[];

/**
 * The names the adapters import from `actor-conformance/conformance`, with the module the
 * package entry (`conformance/index.ts`) takes each from.
 */
const entryTypes = {
  RuntimeAdapter: './contract/RuntimeAdapter.js',
  SystemUnderTest: './contract/RuntimeAdapter.js',
  TestEnvironment: './contract/RuntimeAdapter.js',
  ActorBlueprint: '../spec/model/index.js',
  ActorCommand: '../spec/model/index.js',
} as const;

beforeAll(async () => {
  // A user's ESM project; `init` writes into folders inside it.
  project = await mkdtemp(join(tmpdir(), 'conformance-init-'));
  await writeFile(join(project, 'package.json'), '{ "type": "module" }\n');
  skeleton = join(project, 'adapters', 'my-runtime');
  ({ written: skeletonWritten } = await initAdapter('adapters/my-runtime', { cwd: project }));
  filled = join(project, 'adapters', 'toy');
  await initAdapter(filled);
  // Filling in = replacing the skeleton with the finished adapter of examples/toy-runtime.
  for (const file of ['adapter.ts', 'runtime.ts']) await copyFile(join(toyRuntime, file), join(filled, file));
  // One program for both: type-checking costs seconds.
  diagnostics = await typeCheck([join(skeleton, 'adapter.ts'), join(filled, 'adapter.ts')]);
}, 60_000);
afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

/** Parses (no type-checking) a source file of this repository. */
async function parse(...path: string[]): Promise<ts.SourceFile> {
  const file = join(root, ...path);
  return ts.createSourceFile(file, await readFile(file, 'utf8'), ts.ScriptTarget.ES2022, true);
}

/** The member names of an interface, read from its declaration. */
async function interfaceMembers(name: string, ...path: string[]): Promise<string[]> {
  const source = await parse(...path);
  const declaration = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name);
  if (!declaration) throw new Error(`no interface ${name} in ${path.join('/')}`);
  return declaration.members.flatMap((m) => (m.name && ts.isIdentifier(m.name) ? [m.name.text] : []));
}

/** What a module re-exports by name: exported name → module specifier. */
async function reExports(...path: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const statement of (await parse(...path)).statements) {
    if (!ts.isExportDeclaration(statement) || !statement.moduleSpecifier || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
    for (const element of statement.exportClause.elements) found.set(element.name.text, (statement.moduleSpecifier as ts.StringLiteral).text);
  }
  return found;
}

/**
 * Type-checks `files` as a user's project would. `actor-conformance/conformance` resolves to an
 * entry that re-exports {@link entryTypes} from the same modules as the package's entry, so only
 * the contract and the model are loaded rather than the whole kit (several times faster).
 */
async function typeCheck(files: readonly string[]): Promise<(folder: string) => string[]> {
  const entry = join(project, 'entry.ts');
  const lines = Object.entries(entryTypes).map(([name, module]) => `export type { ${name} } from '${join(root, 'conformance', module)}';`);
  await writeFile(entry, `${lines.join('\n')}\n`);
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    verbatimModuleSyntax: true,
    types: ['node'],
    typeRoots: [join(root, 'node_modules', '@types')],
    paths: { 'actor-conformance/conformance': [entry] },
  });
  return (folder) =>
    files
      .filter((file) => file.startsWith(folder))
      .flatMap((file) => ts.getPreEmitDiagnostics(program, program.getSourceFile(file)))
      .map((d) => {
        const where = d.file && d.start !== undefined ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : '';
        return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
      });
}

async function importAdapter(file: string): Promise<RuntimeAdapter> {
  const module = (await import(/* @vite-ignore */ `${pathToFileURL(file).href}?t=${Date.now()}`)) as { adapter: RuntimeAdapter };
  return module.adapter;
}

describe('conformance init', () => {
  it('writes the adapter skeleton, a vitest file and a README into a new folder', async () => {
    expect(skeletonWritten).toEqual(['adapter.ts', 'adapter.test.ts', 'README.md'].map((f) => join(skeleton, f)));
    const readme = await readFile(join(skeleton, 'README.md'), 'utf8');
    expect(readme).toContain('npx conformance --adapter adapters/my-runtime/adapter.ts');
    expect(await readFile(join(skeleton, 'adapter.test.ts'), 'utf8')).toMatch(/import \{ conformanceSuite \} from 'actor-conformance\/vitest';[\s\S]*conformanceSuite\(adapter\);/);
  });

  it('imports only what the package entries export (the entry the type check uses re-exports them alike)', async () => {
    const entry = await reExports('conformance', 'index.ts');
    for (const [name, module] of Object.entries(entryTypes)) expect(entry.get(name), name).toBe(module);
    const vitest = await parse('conformance', 'vitest.ts');
    expect(vitest.statements.some((s) => ts.isFunctionDeclaration(s) && s.name?.text === 'conformanceSuite' && s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword))).toBe(true);
  });

  it('type-checks, and names every member of the contract, each pointing to its ADAPTERS.md section', async () => {
    expect(diagnostics(skeleton)).toEqual([]);
    const text = await readFile(join(skeleton, 'adapter.ts'), 'utf8');
    const contract = ['conformance', 'contract', 'RuntimeAdapter.ts'];
    // Optional members the skeleton cannot leave in place (a value would be a choice) are written commented out.
    for (const member of await interfaceMembers('RuntimeAdapter', ...contract)) expect(text, member).toMatch(new RegExp(`^  (// )?${member}: `, 'm'));
    expect([...skeletonSystemMembers].sort()).toEqual((await interfaceMembers('SystemUnderTest', ...contract)).sort());
    for (const member of skeletonSystemMembers) {
      expect(text, member).toMatch(new RegExp(`^    ${member}\\([^)]*\\) \\{\\n      throw new NotImplementedYet\\('${member}', '§\\d+'\\);`, 'm'));
    }
    expect(text).toContain("name: 'my-runtime',");
  });

  it('lists every runtime capability with its definition from the vocabulary, only lifecycle.post-stop declared', async () => {
    const text = await readFile(join(skeleton, 'adapter.ts'), 'utf8');
    const runtimeCapabilities = (Object.keys(capabilities) as Capability[]).filter((c) => capabilityRole(c) === 'runtime');
    for (const c of runtimeCapabilities) {
      const line = text.split('\n').find((l) => l.includes(`'${c}',`));
      expect(line, c).toContain(capabilities[c]);
      expect(line!.trimStart().startsWith('//'), c).toBe(c !== 'lifecycle.post-stop');
    }
    expect(text).not.toContain("'store.");
    expect((await importAdapter(join(skeleton, 'adapter.ts'))).capabilities).toEqual(['lifecycle.post-stop']);
  });

  it('points only to ADAPTERS.md sections that exist under those numbers', async () => {
    const guide = await readFile(join(root, 'conformance', 'ADAPTERS.md'), 'utf8');
    for (const { number, title } of Object.values(guideSections)) expect(guide).toContain(`\n## ${number}. ${title}`);
  });

  it('fails, when run as it is (isolated, as the command runs it), naming the first member to fill in', async () => {
    const result = await runSuite(resolveAdapter(join(skeleton, 'adapter.ts')), { seed: 1, numRuns: 3, select: ['LIF-01'] });
    expect(result.rules).toHaveLength(1);
    expect(result.rules[0]).toMatchObject({ status: 'error', reason: expect.stringContaining('in spawn() in run 1: NotImplementedYet: not implemented yet: spawn — see ADAPTERS.md §2') });
  });

  it('refuses to overwrite any existing file and then writes nothing; overwrites with force', async () => {
    const folder = join(project, 'again');
    await initAdapter(folder);
    await writeFile(join(folder, 'adapter.ts'), '// filled in by hand\n');
    await rm(join(folder, 'README.md'));
    const refused = await initAdapter(folder).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InitError);
    expect(refused).toMatchObject({ code: 'INIT_FILES_EXIST', message: expect.stringContaining('already has adapter.ts, adapter.test.ts; nothing written') });
    expect(await readFile(join(folder, 'adapter.ts'), 'utf8')).toBe('// filled in by hand\n');
    expect(await exists(join(folder, 'README.md'))).toBe(false);

    await initAdapter(folder, { force: true, name: 'other runtime' });
    expect(await readFile(join(folder, 'adapter.ts'), 'utf8')).toContain("name: 'other runtime',");
    expect(await exists(join(folder, 'README.md'))).toBe(true);
  });

  it('warns, and still writes, when the folder is not in an ES module package', async () => {
    const commonJs = join(project, 'commonjs');
    await mkdir(commonJs);
    await writeFile(join(commonJs, 'package.json'), '{ "name": "old-style" }\n');
    const result = await initAdapter(join(commonJs, 'adapter'));
    expect(result.warnings).toEqual([`${join(commonJs, 'package.json')}: the adapter is not in an ES module package; add "type": "module" there, or the conformance command cannot load it`]);
    expect(result.written).toHaveLength(3);
    expect((await initAdapter(join(project, 'esm'))).warnings).toEqual([]);
  });

  it('refuses a folder that is a file, and a runtime name that cannot be written into the skeleton', async () => {
    await writeFile(join(project, 'a-file'), '');
    await expect(initAdapter(join(project, 'a-file'))).rejects.toMatchObject({ code: 'INIT_NOT_A_DIRECTORY' });
    await expect(initAdapter(join(project, 'a-file', 'below'))).rejects.toMatchObject({ code: 'INIT_NOT_A_DIRECTORY' });
    await expect(initAdapter('')).rejects.toMatchObject({ code: 'INIT_NOT_A_DIRECTORY' });
    await expect(initAdapter(join(project, 'fresh'), { name: "it's */ broken" })).rejects.toMatchObject({ code: 'INIT_BAD_NAME' });
    expect(await exists(join(project, 'fresh'))).toBe(false);
  });
});

describe('the init command', () => {
  async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const exit = { code: -1 };
    const program = new Command('conformance').exitOverride();
    registerInit(program, { stdout: { write: (s) => void (out += s) }, stderr: { write: (s) => void (err += s) }, cwd: project }, exit);
    await program.parseAsync(argv, { from: 'user' });
    return { code: exit.code, out, err };
  }

  it('exits 0 and lists what it wrote, then exits 2 with a clear message rather than overwrite', async () => {
    const first = await run('init', 'cli-runtime');
    expect(first.code).toBe(0);
    expect(first.out).toContain('wrote cli-runtime/adapter.ts');
    expect(first.out).toContain('npx conformance --adapter cli-runtime/adapter.ts');
    const second = await run('init', 'cli-runtime');
    expect(second).toMatchObject({ code: 2, out: '' });
    expect(second.err).toMatch(/^conformance init: cli-runtime already has adapter\.ts, adapter\.test\.ts, README\.md; nothing written \(--force overwrites\)\n$/);
    expect((await run('init', 'cli-runtime', '--force', '--name', 'mine')).code).toBe(0);
  });
});

describe('the skeleton filled in with the toy runtime', () => {
  it('type-checks and runs: the rules it can express pass, the rest are skipped with the missing capability', async () => {
    expect(diagnostics(filled)).toEqual([]);
    const adapter = await importAdapter(join(filled, 'adapter.ts'));
    const report = await runConformance(adapter, { seed: 11, numRuns: 15 });
    const byStatus = (status: string) => report.rules.filter((r) => r.status === status);
    expect(byStatus('failed').map((r) => `${r.rule}: ${r.counterexample?.message ?? ''}`)).toEqual([]);
    expect(byStatus('passed').map((r) => r.rule)).toEqual(expect.arrayContaining(['LIF-01', 'LIF-04', 'SUP-01', 'SUP-03', 'SUP-12']));
    for (const rule of byStatus('skipped')) expect(rule.reason, rule.rule).toMatch(/does not declare [a-z.-]+/);
    expect(byStatus('passed').length + byStatus('skipped').length).toBe(report.rules.length);
  });
});
