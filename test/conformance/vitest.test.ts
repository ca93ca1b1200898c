import { afterAll, describe, expect } from 'vitest';
import { inMemoryStorePlugin } from '../../conformance/adapters/in-memory-store.js';
import { referenceRuntimeAdapter } from '../../conformance/adapters/reference-runtime.js';
import { conformanceSuite, storeConformanceSuite } from '../../conformance/vitest.js';

// The wrapper itself: passing rules from actor, durable-state and hooks properties.
conformanceSuite(referenceRuntimeAdapter, { rules: ['SUP-02', 'SUP-03', 'SUP-06', 'WATCH-06', 'DS-06', 'HOOK-08'], seed: 7, numRuns: 40 });

// A rule whose capability the adapter does not declare is skipped with the reason, never run.
const withoutExtensions = {
  ...referenceRuntimeAdapter,
  name: 'reference runtime without extensions',
  capabilities: referenceRuntimeAdapter.capabilities.filter((c) => c !== 'extensions'),
};
conformanceSuite(withoutExtensions, { rules: ['HOOK-08', 'HOOK-01'], seed: 7, numRuns: 20 });

// The store flavour: TAG-01 is skipped (a store plugin does not declare durable-state.tags: it needs a durable-state behavior).
storeConformanceSuite(inMemoryStorePlugin, { rules: ['STORE-01', 'STORE-04', 'TAG-01', 'TAG-03', 'TAG-05'], seed: 7, numRuns: 40 });

// A plugin whose createStore() throws unless its setup() ran, and whose teardown() must run once after the tests.
const lifecycle = { setups: 0, teardowns: 0 };
const needsSetup = {
  ...inMemoryStorePlugin,
  name: 'in-memory store behind setup()',
  async setup() {
    lifecycle.setups++;
  },
  createStore() {
    if (lifecycle.setups !== 1 || lifecycle.teardowns !== 0) throw new Error('createStore() outside setup()…teardown()');
    return inMemoryStorePlugin.createStore();
  },
  async teardown() {
    lifecycle.teardowns++;
  },
};
describe('storeConformanceSuite around a plugin with setup() and teardown()', () => {
  storeConformanceSuite(needsSetup, { rules: ['STORE-02'], seed: 7, numRuns: 10 });
  afterAll(() => {
    expect(lifecycle).toEqual({ setups: 1, teardowns: 1 });
  });
});
