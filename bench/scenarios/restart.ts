import { ActorSystem, Behaviors, SupervisorStrategy, ask, type ActorRef } from '../../src/index.js';
import { expectEqual, opsPerSecond, type Scenario } from '../scenario.js';
import { nact } from './nact.js';

const FAILURES = 100_000;
// nact restarts about 800 times a second (each reset goes through a timer turn), so it gets fewer
// failures: the figure is a rate, and 100,000 would take two minutes per run.
const NACT_FAILURES = 5_000;

type Message = { readonly kind: 'boom' } | { readonly kind: 'incarnations'; readonly replyTo: ActorRef<number> };
const boom: Message = { kind: 'boom' };

async function ours(): Promise<number> {
  let incarnations = 0;
  const fragile = Behaviors.supervise(
    Behaviors.setup<Message>(() => {
      incarnations++;
      return Behaviors.receiveMessage((message) => {
        if (message.kind === 'boom') throw new Error('boom');
        message.replyTo.tell(incarnations);
        return Behaviors.same();
      });
    }),
  ).onFailure(SupervisorStrategy.restart());
  const system = ActorSystem.create(fragile, 'bench-restart');
  let seen = 0;
  const rate = await opsPerSecond(FAILURES, async () => {
    for (let i = 0; i < FAILURES; i++) system.tell(boom);
    seen = await ask<Message, number>(system, (replyTo) => ({ kind: 'incarnations', replyTo }), { timeoutMs: 600_000 });
  });
  expectEqual(seen, FAILURES + 1, 'ours: incarnations');
  await system.terminate();
  return rate;
}

async function viaNact(): Promise<number> {
  type NactMessage = { type: 'boom' } | { type: 'incarnations'; sender: Parameters<typeof nact.dispatch>[0] };
  let incarnations = 0;
  const system = nact.start();
  const fragile = nact.spawn(
    system,
    (state: number, message: NactMessage) => {
      if (message.type === 'boom') throw new Error('boom');
      nact.dispatch(message.sender, incarnations);
      return state;
    },
    'fragile',
    {
      initialStateFunc: () => {
        incarnations++;
        return 0;
      },
      onCrash: (_message, _error, ctx) => ctx.reset,
    },
  );
  const boomMessage: NactMessage = { type: 'boom' };
  let seen = 0;
  const rate = await opsPerSecond(NACT_FAILURES, async () => {
    for (let i = 0; i < NACT_FAILURES; i++) nact.dispatch(fragile, boomMessage);
    seen = (await nact.query(fragile, (sender) => ({ type: 'incarnations', sender }), 600_000)) as number;
  });
  expectEqual(seen, NACT_FAILURES + 1, 'nact: incarnations');
  nact.stop(system);
  return rate;
}

async function baseline(): Promise<number> {
  // A handler that throws, caught, and its state re-created: the cost of the error itself.
  let incarnations = 1;
  let state = 0;
  const rate = await opsPerSecond(FAILURES, () => {
    for (let i = 0; i < FAILURES; i++) {
      try {
        state++;
        throw new Error('boom');
      } catch {
        incarnations++;
        state = 0;
      }
    }
  });
  expectEqual(incarnations + state, FAILURES + 1, 'baseline: incarnations');
  return rate;
}

export const restart: Scenario = {
  name: 'restart',
  description: '100,000 supervised failures, each followed by a restart (nact: 5,000)',
  unit: 'restarts/s',
  run: {
    ours: async () => ({ opsPerSecond: await ours() }),
    nact: async () => ({ opsPerSecond: await viaNact() }),
    baseline: async () => ({ opsPerSecond: await baseline() }),
  },
};
