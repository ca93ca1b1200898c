import { describe, expect, it } from 'vitest';
import { ConformanceViolation } from '../../conformance/engine/ConformanceViolation.js';
import { RunDriver } from '../../conformance/engine/_internals/RunDriver.js';
import { effectiveCapabilities } from '../../conformance/engine/runtimeProperties.js';
import { portOf } from '../../conformance/harness/protocol/inProcessPort.js';
import { eagerNoticesLifo } from '../../conformance/variants/eager-notices-lifo.js';
import { runnable } from '../../conformance/variants/_internals/runnable.js';
import { systemMessagePriority } from '../../conformance/variants/system-message-priority.js';
import type { Variant } from '../../conformance/variants/Variant.js';
import { initialModelState, type Operation } from '../../spec/model/index.js';
import { timerNoticeRace } from '../fixtures/timerNoticeRace.js';

// Two freedoms at once, end to end: a legal variant handles a termination notice ahead of the
// timer messages still waiting for its watcher while timers of two actors fall due at one
// instant. w has two pings due at 10; c's backoff restart is due at 10 too and replays a failure
// that stops it for good (limit 1), so w hears of it while its pings may still be waiting.

const hierarchy = [{ name: 'E0' }];
const operations: Operation[] = [...timerNoticeRace, { op: 'advance', ms: 10 }];

/** Applies the operations to the variant and judges each step with the model; returns the last step's events. */
async function judge(variant: Variant): Promise<string> {
  const adapter = runnable(variant);
  const run = await portOf(adapter).openRun({ errors: hierarchy, writeLatencyMs: 0 });
  const driver = new RunDriver(run, effectiveCapabilities(adapter));
  const model = { state: initialModelState(hierarchy), nextTopLevel: 0, nextId: 10, nextSpawned: 0 };
  try {
    for (const operation of operations) await driver.apply(operation, model);
    return driver.log.at(-1)!;
  } finally {
    await run.stop();
  }
}

describe('legal variants with notices first while timers of two actors race', () => {
  for (const variant of [systemMessagePriority, eagerNoticesLifo]) {
    it(`${variant.name} passes every step`, async () => {
      const last = await judge(variant).catch((error: unknown) => {
        if (error instanceof ConformanceViolation) throw new Error(`rejected: ${error.message}`);
        throw error;
      });
      expect(last).toContain('w: Terminated(c)');
    });
  }

  it('takes the freedom: some variant hears of c before a ping still waiting', async () => {
    const logs = await Promise.all([systemMessagePriority, eagerNoticesLifo].map((v) => judge(v)));
    expect(logs.some((log) => log.indexOf('Terminated(c)') < log.lastIndexOf('received'))).toBe(true);
  });
});
