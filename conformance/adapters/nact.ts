/**
 * The adapter for nact 7.6.2 (https://nact.xyz), written from `conformance/ADAPTERS.md` the way
 * an outsider would. nact's model maps onto a blueprint like this:
 *
 * - a stateful actor, `spawn(parent, handler, name, props)`; its **state is the message count**,
 *   so `reset` (nact's restart) zeroes it and `resume` keeps it, with no closure needed;
 * - setup is `initialStateFunc`, which nact runs eagerly at spawn and again on every `reset`;
 * - supervision is `onCrash`, which maps the blueprint's layer to `ctx.stop`, `ctx.resume`
 *   or `ctx.reset`;
 * - PostStop is the `afterStop` hook.
 *
 * nact has no PreRestart, watch, stash, timers, restart limits, backoff, dead letters or
 * injectable clock, so the adapter does not declare them and does not emulate them: an
 * emulation would test this file, not nact (`docs/nact-findings.md`).
 *
 * @packageDocumentation
 */
import { createRequire } from 'node:module';
import type * as Nact from 'nact';
import { anyError, describeBlueprint, type ActorBlueprint, type ActorCommand, type SupervisionLayer } from '../../spec/model/index.js';
import type { ErrorRegistry } from '../contract/ErrorRegistry.js';
import type { RuntimeAdapter, SystemUnderTest, TestEnvironment } from '../contract/RuntimeAdapter.js';

// nact is CommonJS and only ships a hand-written `declare module 'nact'`; ESM has to require it.
const nact = createRequire(import.meta.url)('nact') as typeof Nact;

type Ref = Nact.Ref<ActorCommand>;

/** The commands this adapter interprets; the others need capabilities it does not declare. */
const supported: ReadonlySet<ActorCommand['kind']> = new Set(['ping', 'fail', 'stop', 'unhandled', 'spawn', 'stopChild']);

/**
 * Refuses, before nact sees them, the blueprint features nact cannot express. The suite only
 * generates them for capabilities this adapter does not declare, so meeting one is a suite bug.
 */
function assertExpressible(blueprint: ActorBlueprint): void {
  const strategy = blueprint.supervision[0]?.strategy;
  const inexpressible =
    blueprint.supervision.length > 1 || // one onCrash per actor: no nesting
    blueprint.watchChildren !== 'none' ||
    blueprint.stashCapacity > 0 ||
    strategy?.kind === 'backoff' ||
    (strategy?.kind === 'restart' && (strategy.limit !== undefined || strategy.stopChildren === false || strategy.bufferCapacity !== undefined));
  if (inexpressible) throw new TypeError(`nact adapter: ${describeBlueprint(blueprint)} needs a capability this adapter does not declare`);
  blueprint.children.forEach(assertExpressible);
}

/**
 * nact's decision for an error: the blueprint's one layer, when it catches the error. An error
 * it does not catch stops the actor, which is both Pekko typed's default and nact's own (given
 * explicitly, because nact's default policy also prints every failure to the console).
 */
function decide(layers: readonly SupervisionLayer[], error: unknown, ctx: Nact.SupervisionContext<ActorCommand, Nact.Ref<unknown>>, errors: ErrorRegistry): symbol {
  const layer = layers.find((l) => l.on === anyError || error instanceof errors.classOf(l.on));
  if (layer?.strategy.kind === 'resume') return ctx.resume as symbol;
  if (layer?.strategy.kind === 'restart') return ctx.reset as symbol;
  return ctx.stop as symbol;
}

/** Spawns the actor of `blueprint` under `parent` (a nact ref) and remembers its ref under `path`. */
function realise(parent: Nact.Ref<unknown>, blueprint: ActorBlueprint, path: string, env: TestEnvironment, refs: Map<string, Ref>): Ref {
  const { probe, errors } = env;
  const handler = (count: number, message: ActorCommand, ctx: Nact.ActorContext<ActorCommand, Nact.Ref<unknown>>): number => {
    switch (message.kind) {
      case 'ping':
        probe.received(path, message.id, count);
        return count + 1;
      case 'fail':
        throw errors.create(message.error);
      case 'stop':
        // nact has no `stopped` behavior to return: an actor stops itself by reference.
        nact.stop(ctx.self);
        return count;
      case 'unhandled':
        // nact has no notion of an unhandled message; keeping the state is the closest.
        return count;
      case 'spawn':
        realise(ctx.self, message.child, `${path}/${message.child.name}`, env, refs);
        return count;
      case 'stopChild': {
        const child = ctx.children.get(message.name);
        if (child) nact.stop(child);
        return count;
      }
      default:
        // Unreachable: `tell` refuses these before they reach nact.
        return count;
    }
  };
  const ref = nact.spawn(parent, handler, blueprint.name, {
    // nact runs this at spawn and again on every `reset`: that is setup.
    initialStateFunc: (ctx) => {
      probe.setupStarted(path); // throws when the suite wants this attempt to fail
      for (const child of blueprint.children) {
        if (!ctx.children.has(child.name)) realise(ctx.self, child, `${path}/${child.name}`, env, refs);
      }
      return 0;
    },
    onCrash: (_message, error, ctx) => decide(blueprint.supervision, error, ctx, errors),
    afterStop: () => {
      probe.signal(path, 'PostStop');
      if (blueprint.signalHandlerFailure !== undefined) throw errors.create(blueprint.signalHandlerFailure);
    },
  });
  refs.set(path, ref);
  return ref;
}

function start(env: TestEnvironment): SystemUnderTest {
  const system = nact.start();
  // nact refs are paths, so the latest ref for a logical path reaches whatever lives there now.
  const refs = new Map<string, Ref>();
  return {
    spawn: (blueprint) => {
      assertExpressible(blueprint);
      realise(system, blueprint, blueprint.name, env, refs);
    },
    tell: (path, command) => {
      if (!supported.has(command.kind)) throw new TypeError(`nact adapter: '${command.kind}' needs a capability this adapter does not declare`);
      if (command.kind === 'spawn') assertExpressible(command.child);
      const ref = refs.get(path);
      // nact drops a message to a stopped actor by itself (silently: it has no dead letters).
      if (ref) nact.dispatch(ref, command);
    },
    // No `settle`: nact cannot tell when it is idle, so the suite's default waits for the history to go quiet.
    shutdown: async () => {
      nact.stop(system);
    },
  };
}

/**
 * nact 7.6.2, declaring only what nact itself can express (`spec/vocabulary.ts`). Left out on
 * purpose: `lifecycle.pre-restart`, `supervision.restart-limit`, `.backoff`, `.nesting`,
 * `.stop-children-toggle`, `.restart-buffer`, `watch*`, `stash`, `timers`, `dead-letters`,
 * `time.manual` and durable state (nact persists events, not state).
 *
 * @public
 */
export const nactAdapter: RuntimeAdapter = {
  name: 'nact',
  version: '7.6.2',
  capabilities: [
    'lifecycle.post-stop', // `afterStop`
    'lifecycle.stop-child', // `stop(ctx.children.get(name))`
    'supervision.resume', // `ctx.resume`
    'supervision.restart', // `ctx.reset`: state re-initialised, failing message dropped, children stopped
    'supervision.error-type', // `onCrash` receives the error
  ],
  // nact raises no errors of its own kinds (no death pact, no stash overflow).
  runtimeErrors: {},
  start,
};
