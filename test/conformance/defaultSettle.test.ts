import { describe, expect, it } from 'vitest';
import { referenceRuntimeAdapter } from '../../conformance/adapters/reference-runtime.js';
import type { RuntimeAdapter } from '../../conformance/contract/RuntimeAdapter.js';
import { runProperty } from '../../conformance/engine/runProperty.js';
import { childStopOnRestart } from '../../conformance/families/supervision.js';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { defaultSettle } from '../../conformance/_internals/defaultSettle.js';

/** The reference runtime as a runtime with no quiescence hook would be adapted. */
const withoutSettle: RuntimeAdapter = {
  ...referenceRuntimeAdapter,
  name: 'reference-runtime without settle()',
  async start(env) {
    const { settle: _dropped, ...rest } = await referenceRuntimeAdapter.start(env);
    return rest;
  },
};

describe('the generic settle', () => {
  it('waits long enough for restarts with children when the adapter has no settle()', async () => {
    const result = await runProperty(withoutSettle, childStopOnRestart, { seed: 3, numRuns: 25 });
    expect(result.counterexample?.message).toBeUndefined();
    expect(result.status).toBe('passed');
    expect(result.exercised).toContain('SUP-12');
  });

  it('waits out a gap of real time between two events, which many quiet event-loop turns would not', async () => {
    let events = 0;
    // A runtime awaiting a database: the next event comes after a round trip, not after a few turns.
    setTimeout(() => events++, 15);
    await defaultSettle(() => events, 60);
    expect(events).toBe(1);
  });

  it('counts I/O in flight as work: an event that follows a chain of file reads is waited for', async () => {
    let events = 0;
    const me = fileURLToPath(import.meta.url);
    void (async () => {
      for (let i = 0; i < 200; i++) await readFile(me);
      events++;
    })();
    await defaultSettle(() => events, 1);
    expect(events).toBe(1);
  });
});
