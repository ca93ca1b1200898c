import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AdapterLoadError } from '../../../conformance/harness/AdapterLoadError.js';
import { adapterExportOf, checkAdapterContract, systemContractProblem } from '../../../conformance/harness/adapterContract.js';
import { referenceAdapterLocation, resolveAdapter } from '../../../conformance/harness/resolveAdapter.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const valid = { name: 'x', version: '1', capabilities: ['watch'], runtimeErrors: {}, start: () => undefined };

function contractError(value: unknown): string {
  try {
    checkAdapterContract(value, 'test');
  } catch (error) {
    expect(error).toBeInstanceOf(AdapterLoadError);
    expect((error as AdapterLoadError).code).toBe('ADAPTER_CONTRACT');
    return (error as Error).message;
  }
  throw new Error('expected a contract error');
}

describe('finding and checking an adapter', () => {
  it('resolves files with or without their extension, a .js name for a .ts file, and installed packages', () => {
    expect(resolveAdapter('./conformance/adapters/reference-runtime.ts', root).url).toMatch(/reference-runtime\.ts$/);
    expect(resolveAdapter('./conformance/adapters/reference-runtime', root).url).toMatch(/reference-runtime\.ts$/);
    expect(resolveAdapter('./conformance/adapters/reference-runtime.js', root).url).toMatch(/reference-runtime\.ts$/);
    expect(resolveAdapter('fast-check', root).url).toMatch(/node_modules\/fast-check\//);
    expect(referenceAdapterLocation()).toMatchObject({ source: 'built-in reference runtime' });
  });

  it('takes the default export, else `adapter`, else the only adapter-like export', () => {
    expect(adapterExportOf({ default: valid, other: 1 }, 'm')).toBe(valid);
    expect(adapterExportOf({ adapter: valid }, 'm')).toBe(valid);
    expect(adapterExportOf({ myRuntime: valid, helper: () => 1 }, 'm')).toBe(valid);
    expect(() => adapterExportOf({ a: valid, b: { ...valid } }, 'm')).toThrow(/several adapters \(a, b\)/);
    expect(() => adapterExportOf({ helper: 1 }, 'm')).toThrow(/exports no adapter \(exports: helper\)/);
  });

  it('names the first member that is missing or of the wrong kind', () => {
    expect(checkAdapterContract(valid, 'test')).toBe(valid);
    expect(contractError(null)).toContain('the export is null');
    const { start: _start, ...noStart } = valid;
    expect(contractError(noStart)).toContain('no `start` (a function)');
    const { runtimeErrors: _errors, ...noErrors } = valid;
    expect(contractError(noErrors)).toContain('no `runtimeErrors`');
    expect(contractError({ ...valid, version: 2 })).toContain("`version` must be a string, got number");
    expect(contractError({ ...valid, capabilities: ['watch', 'teleport'] })).toContain('unknown words: teleport');
  });

  it('names each capability the started system cannot honour, with the members it lacks', () => {
    const base = { spawn() {}, tell() {}, async shutdown() {} };
    expect(systemContractProblem(base, ['watch', 'stash'])).toBeUndefined();
    expect(systemContractProblem(base, ['hooks'])).toMatch(/`hooks`.*`spawnHooked`, `tellHooked`, `stopHooked`/);
    expect(systemContractProblem({ ...base, spawnEntity() {} }, ['durable-state'])).toMatch(/`durable-state`.*no `tellEntity` function/);
    expect(systemContractProblem({ ...base, spawnEntity() {}, tellEntity: 'no' }, ['durable-state'])).toMatch(/no `tellEntity`/);
    expect(systemContractProblem({ ...base, spawnEntity() {}, tellEntity() {} }, ['durable-state'])).toBeUndefined();
    expect(systemContractProblem({ spawn() {}, tell() {} }, [])).toMatch(/no `shutdown` function/);
    expect(systemContractProblem(null, [])).toMatch(/returned null/);
  });
});
