import { ActorSystem, Behaviors, ask, type ActorRef } from '../../src/index.js';
import { expectEqual, opsPerSecond, ratio, settledHeap, type Measurement, type Scenario } from '../scenario.js';
import { nact } from './nact.js';

const ACTORS = 100_000;

interface SpawnAll {
  readonly replyTo: ActorRef<number>;
}

const idle = Behaviors.receiveMessage<string>(() => Behaviors.same());

/** A guardian that spawns ACTORS idle children when asked and answers with how many it has. */
function spawner(): ReturnType<typeof Behaviors.receive<SpawnAll>> {
  return Behaviors.receive<SpawnAll>((ctx, message) => {
    for (let i = 0; i < ACTORS; i++) ctx.spawnAnonymous(idle);
    message.replyTo.tell(ctx.children.length);
    return Behaviors.same();
  });
}

async function spawnAll(system: ActorSystem<SpawnAll>): Promise<void> {
  const spawned = await ask<SpawnAll, number>(system, (replyTo) => ({ replyTo }), { timeoutMs: 600_000 });
  expectEqual(spawned, ACTORS, 'ours: children spawned');
}

async function ours(): Promise<Measurement> {
  // Memory first, in its own system: the collections it needs must not be timed.
  const measured = ActorSystem.create(spawner(), 'bench-spawn-memory');
  const before = settledHeap();
  await spawnAll(measured);
  const heapBytesPerUnit = (settledHeap() - before) / ACTORS;
  await measured.terminate();

  const rate = await opsPerSecond(ACTORS, async () => {
    const system = ActorSystem.create(spawner(), 'bench-spawn');
    await spawnAll(system);
    await system.terminate();
  });
  return { opsPerSecond: rate, heapBytesPerUnit };
}

async function viaNact(): Promise<Measurement> {
  type Ref = ReturnType<typeof nact.spawnStateless>;
  const spawn = (system: ReturnType<typeof nact.start>): Ref[] => {
    const refs: Ref[] = [];
    // Explicit names: nact's generated names collide at this scale.
    for (let i = 0; i < ACTORS; i++) refs.push(nact.spawnStateless(system, () => {}, `a${i}`));
    return refs;
  };
  const stopAll = async (refs: Ref[]): Promise<void> => {
    for (const ref of refs) nact.stop(ref);
    await new Promise((resolve) => setImmediate(resolve));
  };

  const measuredSystem = nact.start();
  const before = settledHeap();
  const measuredRefs = spawn(measuredSystem);
  const heapBytesPerUnit = (settledHeap() - before) / ACTORS;
  await stopAll(measuredRefs);
  nact.stop(measuredSystem);

  const rate = await opsPerSecond(ACTORS, async () => {
    const system = nact.start();
    await stopAll(spawn(system));
    nact.stop(system);
  });
  return { opsPerSecond: rate, heapBytesPerUnit };
}

async function baseline(): Promise<Measurement> {
  // The least an actor can be: a named record with a mailbox, kept in a map and removed again.
  type Cell = { name: string; mailbox: string[] | undefined; behavior: (message: string) => void };
  const make = (): Map<string, Cell> => {
    const cells = new Map<string, Cell>();
    for (let i = 0; i < ACTORS; i++) cells.set(`$${i}`, { name: `$${i}`, mailbox: undefined, behavior: () => {} });
    return cells;
  };
  const before = settledHeap();
  const kept = make();
  const heapBytesPerUnit = (settledHeap() - before) / ACTORS;
  expectEqual(kept.size, ACTORS, 'baseline: cells');
  kept.clear();
  const rate = await opsPerSecond(ACTORS, () => {
    const cells = make();
    for (const key of [...cells.keys()]) cells.delete(key);
    expectEqual(cells.size, 0, 'baseline: cells left');
  });
  return { opsPerSecond: rate, heapBytesPerUnit };
}

export const spawnStop: Scenario = {
  name: 'spawn-stop',
  description: 'spawn 100,000 idle actors, then stop them all; heap per idle actor',
  unit: 'actors/s',
  run: { ours, nact: viaNact, baseline },
  targets: [
    { description: 'ours >= 5x nact', met: (r) => ratio(r, "nact") >= 5 },
    { description: 'ours <= 500 bytes of heap per idle actor', met: (r) => (r.ours?.heapBytesPerUnit ?? Infinity) <= 500 },
  ],
};
