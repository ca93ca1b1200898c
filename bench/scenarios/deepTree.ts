import { ActorSystem, Behaviors, ChildFailed, PostStop, type ActorRef, type Behavior } from '../../src/index.js';
import { expectEqual, type Measurement, type Scenario } from '../scenario.js';

/** The depths whose per-level cost is compared (issue #16 item 9: flat within 2x from 1k to 100k). */
const DEPTHS = [1_000, 10_000, 100_000] as const;
const SMALLEST = DEPTHS[0];
const LARGEST = DEPTHS[DEPTHS.length - 1] as number;

interface Chain {
  leaf: ActorRef<string> | undefined;
  stopped: number;
}

/** A link `remaining` levels above the leaf: watches its child and handles no Terminated (a DeathPact). */
function link(remaining: number, chain: Chain): Behavior<string> {
  return Behaviors.setup<string>((context) => {
    if (remaining > 0) context.watch(context.spawn(link(remaining - 1, chain), 'c'));
    else chain.leaf = context.self;
    return Behaviors.receiveMessage<string>((message) => {
      if (message === 'fail') throw new Error('leaf failed');
      return Behaviors.same();
    }).receiveSignal((_context, signal) => {
      if (signal === PostStop) chain.stopped++;
      return Behaviors.unhandled(); // WATCH-06: an unhandled ChildFailed is a DeathPact
    });
  });
}

/**
 * Builds a chain of `depth` links under a root that watches it, fails the leaf and measures the
 * DeathPact cascade until the root hears of the top link's failure. Returns the CPU time of this
 * process in µs: on a shared machine the wall clock charges other processes' work to the longest
 * cascade, while CPU time (garbage collector threads included) is what the cascade costs.
 */
async function cascadeCpuMicros(depth: number): Promise<number> {
  const chain: Chain = { leaf: undefined, stopped: 0 };
  let reached: () => void = () => {};
  const cascadeDone = new Promise<void>((resolve) => {
    reached = resolve;
  });
  const system = ActorSystem.create(
    Behaviors.setup<string>((context) => {
      context.watch(context.spawn(link(depth - 1, chain), 'c'));
      return Behaviors.receiveSignal<string>((_context, signal) => {
        if (signal instanceof ChildFailed) reached();
        return Behaviors.same();
      });
    }),
    `bench-deep-${depth}`,
  );
  await system.settled();
  const leaf = chain.leaf as ActorRef<string>;
  const started = process.cpuUsage();
  leaf.tell('fail');
  await cascadeDone;
  const used = process.cpuUsage(started);
  expectEqual(chain.stopped, depth, `ours: links stopped at depth ${depth}`);
  await system.terminate();
  return used.user + used.system;
}

/** CPU µs per level at `depth`, over enough cascades that short ones are not lost in noise. */
async function microsPerLevel(depth: number): Promise<number> {
  const cascades = Math.min(10, Math.ceil(LARGEST / depth / 5));
  let micros = 0;
  for (let i = 0; i < cascades; i++) micros += await cascadeCpuMicros(depth);
  return micros / (depth * cascades);
}

async function ours(): Promise<Measurement> {
  await cascadeCpuMicros(SMALLEST); // warm-up: the first depth must not pay for the JIT
  const figures: Record<string, number> = {};
  for (const depth of DEPTHS) figures[`µs/level at ${depth / 1000}k`] = await microsPerLevel(depth);
  const smallest = figures[`µs/level at ${SMALLEST / 1000}k`] as number;
  const largest = figures[`µs/level at ${LARGEST / 1000}k`] as number;
  figures[`ratio ${LARGEST / 1000}k/${SMALLEST / 1000}k`] = largest / smallest;
  return { opsPerSecond: 1_000_000 / largest, figures };
}

export const deepTree: Scenario = {
  name: 'deep-tree',
  description: `DeathPact cascade up a chain of watching parents, CPU per level at depths ${DEPTHS.map((d) => `${d / 1000}k`).join(', ')}`,
  unit: 'levels/s at 100k',
  run: { ours },
  targets: [
    {
      description: `per-level cost at ${LARGEST / 1000}k within 2x of ${SMALLEST / 1000}k`,
      met: (r) => (r.ours?.figures?.[`ratio ${LARGEST / 1000}k/${SMALLEST / 1000}k`] ?? Infinity) <= 2,
    },
  ],
};
