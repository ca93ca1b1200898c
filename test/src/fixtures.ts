/** Shared fixtures for the runtime tests: a testkit per test and small recording behaviors. */
import { afterEach } from 'vitest';
import type { ActorRef } from '../../src/ActorRef.js';
import type { Behavior } from '../../src/Behavior.js';
import { Behaviors } from '../../src/Behaviors.js';
import type { RuntimeEvent } from '../../src/EventStream.js';
import { ActorTestKit, type ActorTestKitOptions } from '../../src/testkit/index.js';

const kits: ActorTestKit[] = [];

afterEach(async () => {
  for (const kit of kits.splice(0)) await kit.shutdown();
});

/** A testkit with manual time, shut down after the test. */
export function testKit(options: ActorTestKitOptions = {}): ActorTestKit {
  const kit = ActorTestKit.create({ manualTime: true, ...options });
  kits.push(kit);
  return kit;
}

/** Records every runtime event of the kit's system. */
export function recordEvents(kit: ActorTestKit): RuntimeEvent[] {
  const events: RuntimeEvent[] = [];
  kit.system.eventStream.subscribe((event) => events.push(event));
  return events;
}

/** The failure every test behavior throws on `'fail'`. */
export class Boom extends Error {
  constructor(message = 'boom') {
    super(message);
    this.name = 'Boom';
  }
}

/**
 * A counter that reports to `log`: `'inc'` adds one, `'get'` reports `count:<n>`, `'fail'`
 * throws {@link Boom}; PreRestart and PostStop are reported by name.
 */
export function counter(log: ActorRef<string>, count = 0): Behavior<string> {
  return Behaviors.receiveMessage<string>((message) => {
    if (message === 'inc') return counter(log, count + 1);
    if (message === 'get') log.tell(`count:${count}`);
    else if (message === 'fail') throw new Boom();
    else if (message === 'stop') return Behaviors.stopped();
    return Behaviors.same();
  }).receiveSignal((_context, signal) => {
    if (!('ref' in signal)) log.tell(signal.signalName);
    return Behaviors.same();
  });
}

/** Like {@link counter} but announces `started` from a setup, once per incarnation. */
export function announcingCounter(log: ActorRef<string>): Behavior<string> {
  return Behaviors.setup<string>(() => {
    log.tell('started');
    return counter(log);
  });
}
