/**
 * Conformance adapter for the toy runtime (`./runtime.ts`): the skeleton that
 * `npx conformance init` writes, filled in. `docs/writing-an-adapter.md` walks through it
 * member by member.
 *
 * @packageDocumentation
 */
import type { ActorBlueprint, ActorCommand, RuntimeAdapter, SystemUnderTest, TestEnvironment } from 'actor-conformance/conformance';
import { ToySystem, type ActorContext, type ActorRef, type Directive, type Props } from './runtime.js';

/**
 * The one generic behavior (ADAPTERS.md §2, §3): a blueprint becomes props whose setup reports
 * to the probe, spawns the blueprint's children and keeps a message counter in a closure, so a
 * restart resets it.
 */
function propsOf(blueprint: ActorBlueprint, path: string, env: TestEnvironment, refs: Map<string, ActorRef<ActorCommand>>): Props<ActorCommand> {
  const { probe, errors } = env;
  const spawnChild = (context: ActorContext, child: ActorBlueprint): void => {
    const childPath = `${path}/${child.name}`;
    refs.set(childPath, context.spawn(child.name, propsOf(child, childPath, env, refs)));
  };
  // The toy has one strategy; the suite only generates `restart` and `stop` for it (no resume declared).
  const strategy = blueprint.supervision[0]?.strategy.kind;
  if (blueprint.supervision.length > 1 || (strategy !== undefined && strategy !== 'restart' && strategy !== 'stop')) {
    throw new TypeError(`toy adapter: the toy runtime cannot supervise with ${JSON.stringify(blueprint.supervision)}`);
  }
  return {
    onFailure: strategy === 'restart' ? 'restart' : 'stop',
    setup: (context) => {
      probe.setupStarted(path); // throws when the suite wants this setup attempt to fail
      for (const child of blueprint.children) if (!context.child(child.name)) spawnChild(context, child);
      let count = 0;
      return (command): Directive => {
        switch (command.kind) {
          case 'ping':
            probe.received(path, command.id, count);
            count++;
            return;
          case 'fail':
            throw errors.create(command.error);
          case 'stop':
            return 'stop';
          case 'unhandled':
            return; // the toy has no notion of an unhandled message
          case 'spawn':
            return spawnChild(context, command.child);
          case 'stopChild': {
            const child = context.child(command.name);
            if (child) context.stop(child);
            return;
          }
          default:
            throw new TypeError(`toy adapter: '${command.kind}' needs a capability this adapter does not declare`);
        }
      };
    },
    signal: (signal) => {
      probe.signal(path, signal);
      if (blueprint.signalHandlerFailure !== undefined) throw errors.create(blueprint.signalHandlerFailure);
    },
  };
}

/** One running toy system per generated run (ADAPTERS.md §1). */
function startSystem(env: TestEnvironment): SystemUnderTest {
  const system = new ToySystem();
  // Logical path → the latest ref there; a stopped actor's ref drops its mail, as `tell` must.
  const refs = new Map<string, ActorRef<ActorCommand>>();
  return {
    spawn(blueprint) {
      refs.set(blueprint.name, system.spawn(blueprint.name, propsOf(blueprint, blueprint.name, env, refs)));
    },
    tell(path, command) {
      refs.get(path)?.tell(command);
    },
    settle() {
      return system.whenIdle();
    },
    async shutdown() {
      system.terminate();
    },
  };
}

/** The toy runtime, declaring what it can express (ADAPTERS.md §6). */
export const adapter: RuntimeAdapter = {
  name: 'toy-runtime',
  version: '0.1.0',
  capabilities: ['lifecycle.post-stop', 'lifecycle.pre-restart', 'lifecycle.stop-child', 'supervision.restart'],
  // The toy raises no errors of its own (no death pact, no stash overflow).
  runtimeErrors: {},
  start: (env) => startSystem(env),
};

export default adapter;
