/**
 * Issue #16 item 9: nothing in the runtime recurses by tree depth. A 100,000-deep chain of
 * actors, each watching its child without handling Terminated, fails at the leaf: the
 * DeathPact climbs every level to a restarting root, which rebuilds the chain; the root then
 * restarts by its own failure (stopping the whole chain first) and is finally stopped.
 */
import { describe, expect, it } from 'vitest';
import type { ActorRef } from '../../src/ActorRef.js';
import type { Behavior } from '../../src/Behavior.js';
import { Behaviors } from '../../src/Behaviors.js';
import { ChildFailed, PostStop } from '../../src/Signal.js';
import { SupervisorStrategy } from '../../src/SupervisorStrategy.js';
import { DeathPactError } from '../../src/errors.js';
import { Boom, testKit } from './fixtures.js';

const DEPTH = 100_000;

interface Chain {
  leaf: ActorRef<string> | undefined;
  built: number;
  stopped: number;
}

/** A link `remaining` levels above the leaf: spawns and watches its child, handles no signal but PostStop. */
function link(remaining: number, chain: Chain): Behavior<string> {
  return Behaviors.setup<string>((context) => {
    chain.built++;
    if (remaining > 0) context.watch(context.spawn(link(remaining - 1, chain), 'c'));
    else chain.leaf = context.self;
    return Behaviors.receiveMessage<string>((message) => {
      if (message === 'fail') throw new Boom('leaf failed');
      return Behaviors.same();
    }).receiveSignal((_context, signal) => {
      if (signal === PostStop) chain.stopped++;
      return Behaviors.unhandled(); // WATCH-06: an unhandled ChildFailed is a DeathPact
    });
  });
}

describe('deep trees (issue #16 item 9)', () => {
  it(`a ${DEPTH.toLocaleString('en-US')}-deep DeathPact cascade reaches a restarting root, which rebuilds, restarts and stops`, { timeout: 300_000 }, async () => {
    const kit = testKit();
    const chain: Chain = { leaf: undefined, built: 0, stopped: 0 };
    let incarnations = 0;
    const causes: unknown[] = [];
    const root = kit.spawn(
      Behaviors.supervise(
        Behaviors.setup<string>((context) => {
          incarnations++;
          context.watch(context.spawn(link(DEPTH - 1, chain), 'c'));
          return Behaviors.receiveMessage<string>((message) => {
            if (message === 'fail') throw new Boom('root failed');
            return Behaviors.same();
          }).receiveSignal((_context, signal) => {
            if (signal instanceof ChildFailed) causes.push(signal.cause);
            return Behaviors.unhandled();
          });
        }),
      ).onFailure(SupervisorStrategy.restart()),
      'root',
    );
    await kit.settled();
    expect(chain.built).toBe(DEPTH);
    const firstLeaf = chain.leaf as ActorRef<string>;
    // The leaf's path names every level: reading it must not recurse.
    expect(firstLeaf.path.length).toBe('/user/root'.length + 2 * DEPTH);

    firstLeaf.tell('fail');
    await kit.settled();
    // Every link failed by DeathPact and stopped; the root restarted and built a new chain.
    expect(chain.stopped).toBe(DEPTH);
    expect(causes).toHaveLength(1);
    expect(causes[0]).toBeInstanceOf(DeathPactError);
    expect((causes[0] as DeathPactError).watchedPath).toBe('/user/root/c/c');
    expect(incarnations).toBe(2);
    expect(chain.built).toBe(2 * DEPTH);
    expect(chain.leaf).not.toBe(firstLeaf);

    // A failure of the root itself: the live chain stops (children first) before the restart.
    root.tell('fail');
    await kit.settled();
    expect(chain.stopped).toBe(2 * DEPTH);
    expect(incarnations).toBe(3);
    expect(chain.built).toBe(3 * DEPTH);

    kit.stop(root);
    await kit.settled();
    expect(chain.stopped).toBe(3 * DEPTH);
    await kit.shutdown();
    expect(kit.system.isTerminated).toBe(true);
  });
});
