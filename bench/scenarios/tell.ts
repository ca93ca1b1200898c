import { ActorSystem, Behaviors, ask, type ActorRef } from '../../src/index.js';
import { expectEqual, opsPerSecond, ratio, type Scenario } from '../scenario.js';
import { nact } from './nact.js';

const N = 1_000_000;

type CounterMessage = { readonly kind: 'inc' } | { readonly kind: 'get'; readonly replyTo: ActorRef<number> };
const inc: CounterMessage = { kind: 'inc' };

async function ours(): Promise<number> {
  const counter = Behaviors.setup<CounterMessage>(() => {
    let count = 0;
    return Behaviors.receiveMessage((message) => {
      if (message.kind === 'inc') count++;
      else message.replyTo.tell(count);
      return Behaviors.same();
    });
  });
  const system = ActorSystem.create(counter, 'bench-tell');
  let counted = 0;
  const rate = await opsPerSecond(N, async () => {
    for (let i = 0; i < N; i++) system.tell(inc);
    counted = await ask<CounterMessage, number>(system, (replyTo) => ({ kind: 'get', replyTo }), { timeoutMs: 600_000 });
  });
  expectEqual(counted, N, 'ours: count after tells');
  await system.terminate();
  return rate;
}

async function viaNact(): Promise<number> {
  const system = nact.start();
  type NactMessage = { type: 'inc' } | { type: 'get'; sender: Parameters<typeof nact.dispatch>[0] };
  const counter = nact.spawn(
    system,
    (state: number, message: NactMessage) => {
      if (message.type === 'inc') return state + 1;
      nact.dispatch(message.sender, state);
      return state;
    },
    'counter',
    { initialState: 0 },
  );
  const incMessage: NactMessage = { type: 'inc' };
  let counted = 0;
  const rate = await opsPerSecond(N, async () => {
    for (let i = 0; i < N; i++) nact.dispatch(counter, incMessage);
    counted = (await nact.query(counter, (sender) => ({ type: 'get', sender }), 600_000)) as number;
  });
  expectEqual(counted, N, 'nact: count after dispatches');
  nact.stop(system);
  return rate;
}

async function baseline(): Promise<number> {
  // The least a mailbox can do: queue every message, then run one function call per message.
  const queue: CounterMessage[] = [];
  let count = 0;
  const handle = (message: CounterMessage): void => {
    if (message.kind === 'inc') count++;
  };
  const rate = await opsPerSecond(N, () => {
    for (let i = 0; i < N; i++) queue.push(inc);
    for (let i = 0; i < queue.length; i++) handle(queue[i]!);
  });
  expectEqual(count, N, 'baseline: count');
  return rate;
}

export const tell: Scenario = {
  name: 'tell',
  description: '1,000,000 tells to one actor, then ask for the count',
  unit: 'messages/s',
  run: {
    ours: async () => ({ opsPerSecond: await ours() }),
    nact: async () => ({ opsPerSecond: await viaNact() }),
    baseline: async () => ({ opsPerSecond: await baseline() }),
  },
  targets: [
    { description: 'ours >= 30x nact', met: (r) => ratio(r, "nact") >= 30 },
    { description: 'ours >= 50% of the bare loop', met: (r) => ratio(r, "baseline") >= 0.5 },
  ],
};
