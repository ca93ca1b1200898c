import { ActorSystem, Behaviors, type ActorRef } from '../../src/index.js';
import { expectEqual, opsPerSecond, type Scenario } from '../scenario.js';
import { nact } from './nact.js';

const ROUND_TRIPS = 200_000;

interface Ball {
  readonly hits: number;
  readonly replyTo: ActorRef<Ball>;
}

async function ours(): Promise<number> {
  let finished: (hits: number) => void = () => {};
  const done = new Promise<number>((resolve) => (finished = resolve));
  const ponger = Behaviors.receive<Ball>((ctx, ball) => {
    ball.replyTo.tell({ hits: ball.hits, replyTo: ctx.self });
    return Behaviors.same();
  });
  const guardian = Behaviors.setup<Ball>((ctx) => {
    const pong = ctx.spawn(ponger, 'ponger');
    return Behaviors.receive<Ball>((self, ball) => {
      if (ball.hits >= ROUND_TRIPS) finished(ball.hits);
      else pong.tell({ hits: ball.hits + 1, replyTo: self.self });
      return Behaviors.same();
    });
  });
  const system = ActorSystem.create(guardian, 'bench-ping-pong');
  let hits = 0;
  const rate = await opsPerSecond(ROUND_TRIPS, async () => {
    system.tell({ hits: 0, replyTo: system });
    hits = await done;
  });
  expectEqual(hits, ROUND_TRIPS, 'ours: round trips');
  await system.terminate();
  return rate;
}

async function viaNact(): Promise<number> {
  type Ref = Parameters<typeof nact.dispatch>[0];
  type NactBall = { hits: number; replyTo: Ref };
  let finished: (hits: number) => void = () => {};
  const done = new Promise<number>((resolve) => (finished = resolve));
  const system = nact.start();
  const pong = nact.spawnStateless(system, (ball: NactBall, ctx) => nact.dispatch(ball.replyTo, { hits: ball.hits, replyTo: ctx.self }), 'ponger');
  const ping = nact.spawnStateless(
    system,
    (ball: NactBall, ctx) => {
      if (ball.hits >= ROUND_TRIPS) finished(ball.hits);
      else nact.dispatch(pong, { hits: ball.hits + 1, replyTo: ctx.self });
    },
    'pinger',
  );
  let hits = 0;
  const rate = await opsPerSecond(ROUND_TRIPS, async () => {
    nact.dispatch(ping, { hits: 0, replyTo: ping });
    hits = await done;
  });
  expectEqual(hits, ROUND_TRIPS, 'nact: round trips');
  nact.stop(system);
  return rate;
}

async function baseline(): Promise<number> {
  // The ball handed back and forth by plain function calls through a one-slot queue: no scheduling.
  let hits = 0;
  const rate = await opsPerSecond(ROUND_TRIPS, () => {
    let next: { to: 'ping' | 'pong'; hits: number } | undefined = { to: 'ping', hits: 0 };
    while (next) {
      const ball: { to: 'ping' | 'pong'; hits: number } = next;
      next = undefined;
      if (ball.to === 'pong') next = { to: 'ping', hits: ball.hits };
      else if (ball.hits >= ROUND_TRIPS) hits = ball.hits;
      else next = { to: 'pong', hits: ball.hits + 1 };
    }
  });
  expectEqual(hits, ROUND_TRIPS, 'baseline: round trips');
  return rate;
}

export const pingPong: Scenario = {
  name: 'ping-pong',
  description: '200,000 round trips between two actors',
  unit: 'round trips/s',
  run: {
    ours: async () => ({ opsPerSecond: await ours() }),
    nact: async () => ({ opsPerSecond: await viaNact() }),
    baseline: async () => ({ opsPerSecond: await baseline() }),
  },
};
