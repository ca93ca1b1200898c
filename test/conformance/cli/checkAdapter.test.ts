import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliSandbox } from './_cliSandbox.js';

const contract = JSON.stringify(fileURLToPath(new URL('../../../conformance/index.js', import.meta.url)));
const toyAdapter = fileURLToPath(new URL('../../../examples/toy-runtime/adapter.ts', import.meta.url));
const sandbox = cliSandbox('conformance-check-adapter-');

/** Each TypeScript program takes seconds to build on a busy machine. */
const slow = { timeout: 60_000 };

describe('conformance check-adapter', () => {
  it('passes the worked example and says which export satisfies which contract', slow, async () => {
    const { code, out, err } = await sandbox.cli('check-adapter', toyAdapter);
    expect(err).toBe('');
    expect(out).toMatch(/no type errors; its export `default` satisfies RuntimeAdapter/);
    expect(code).toBe(0);
  });

  it('prints the file\'s own type errors and where its export misses the contract, exit 1', slow, async () => {
    await writeFile(
      sandbox.path('broken.ts'),
      [
        `import type { SystemUnderTest } from ${contract};`,
        `const count: number = 'three';`,
        `export const adapter = { name: 'broken', version: 2, capabilities: ['watch'], runtimeErrors: {}, start: (): SystemUnderTest => { throw new Error(String(count)); } };`,
      ].join('\n'),
    );
    const { code, err } = await sandbox.cli('check-adapter', './broken.ts');
    expect(code).toBe(1);
    expect(err).toMatch(/^broken\.ts:2:7 - error TS2322: Type 'string' is not assignable to type 'number'/m);
    expect(err).toMatch(/broken\.ts: its export `adapter` does not satisfy RuntimeAdapter:[^\n]*version/);
    expect(err).toMatch(/\.\/broken\.ts: 2 type error\(s\)\n$/);
  });

  it('checks a store plugin against StorePlugin', slow, async () => {
    await writeFile(
      sandbox.path('store.ts'),
      `export default { name: 's', version: '1', capabilities: ['store'], createStore: () => ({ getObject: async () => ({ value: 1, revision: 'one' }) }) };\n`,
    );
    const { code, err } = await sandbox.cli('check-adapter', './store.ts');
    expect(code).toBe(1);
    expect(err).toMatch(/does not satisfy StorePlugin/);
  });

  it('refuses, exit 2 in one line, what it cannot check: a missing file, a JavaScript adapter', async () => {
    await writeFile(sandbox.path('plain.mjs'), 'export default {};\n');
    for (const file of ['./nowhere.ts', './plain.mjs']) {
      const { code, err } = await sandbox.cli('check-adapter', file);
      expect(code).toBe(2);
      expect(err.trim().split('\n')).toHaveLength(1);
    }
  });
});
