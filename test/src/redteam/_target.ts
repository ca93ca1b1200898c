/**
 * Red-team fixtures: a parent behavior driven by commands (spawn children, report state,
 * watch, fail) that reports every signal, and children whose stop can be held open.
 */
import type { ActorRef } from '../../../src/ActorRef.js';
import type { Behavior } from '../../../src/Behavior.js';
import { Behaviors } from '../../../src/Behaviors.js';
import { ChildFailed, Terminated, type Signal } from '../../../src/Signal.js';
import { Boom } from '../fixtures.js';

/** Commands of {@link target}. */
export type Command =
  | string
  | { readonly spawn: string; readonly slow?: Gate }
  | { readonly watch: ActorRef<never> }
  | { readonly watchWith: ActorRef<never>; readonly message: string };

/** A promise the test opens by hand: holds a child's PostStop open. */
export interface Gate {
  readonly promise: Promise<void>;
  open(): void;
}

/** A new closed {@link Gate}. */
export function gate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** `Terminated(name)`, `ChildFailed(name, message)` or the signal name. */
export function describeSignal(signal: Signal): string {
  if (signal instanceof ChildFailed) return `ChildFailed(${signal.ref.name}, ${signal.cause.constructor.name})`;
  if (signal instanceof Terminated) return `Terminated(${signal.ref.name})`;
  return signal.signalName;
}

/**
 * A child that reports `<name>:PostStop` to `log`; with `slow`, its stop waits for the gate
 * (an object actor with an async postStop), so a restarting parent has to wait for it.
 */
export function child(log: ActorRef<string>, name: string, slow?: Gate): Behavior<string> {
  return Behaviors.fromActor<string>(() => ({
    receive: () => {},
    postStop: async () => {
      if (slow) await slow.promise;
      log.tell(`${name}:PostStop`);
    },
  }));
}

/**
 * Pekko's SupervisionSpec target in our words: `'state'` reports `children:<sorted names>`,
 * `'fail'` throws {@link Boom}, other strings are echoed, objects spawn or watch; every
 * signal is reported (Terminated ones by name).
 */
export function target(log: ActorRef<string>): Behavior<Command> {
  return Behaviors.receive<Command>((context, command) => {
    if (typeof command === 'string') {
      if (command === 'fail') throw new Boom();
      if (command === 'state') log.tell(`children:${context.children.map((c) => c.name).sort().join(',')}`);
      else log.tell(command);
    } else if ('spawn' in command) {
      context.spawn(child(log, command.spawn, command.slow), command.spawn);
    } else if ('watchWith' in command) {
      context.watchWith(command.watchWith, command.message);
    } else {
      context.watch(command.watch);
    }
    return Behaviors.same();
  }).receiveSignal((_context, signal) => {
    log.tell(describeSignal(signal));
    return Behaviors.same();
  });
}

/**
 * Lets one macrotask turn pass, so the dispatcher (which drains on microtasks) has run
 * everything runnable. Needed where `settled()` cannot be used because an async hook is
 * deliberately held open; it waits for no duration.
 */
export function macrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
