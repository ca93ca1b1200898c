// A plain `async main()` whose only pending work is an ask nobody answers (issue #16 item 8):
// the process must stay alive until the ask times out, so `catch` and `finally` run.
import { ActorSystem, Behaviors, ask } from '../../../src/index.js';

async function main(): Promise<void> {
  const system = ActorSystem.create(Behaviors.ignore<{ replyTo: unknown }>(), 'silent');
  try {
    await ask(system, (replyTo) => ({ replyTo }), { timeoutMs: Number(process.argv[2] ?? 200) });
    console.log('resolved');
  } catch (error) {
    console.log(`rejected ${(error as { code?: string }).code}`);
  } finally {
    console.log('finally');
  }
}

// Not awaited, as in the probe: only the pending ask can keep the process alive.
void main();
