import { Behaviors, SupervisorStrategy, type Actor, type ActorContext, type ActorRef, type Behavior } from '../../../src/index.js';
import type { HookCommand, HookedActorBlueprint, HookSite } from '../../../spec/model/index.js';
import type { HookEnvironment } from '../../contract/HookEnvironment.js';
import type { TestEnvironment } from '../../contract/RuntimeAdapter.js';
import type { RuntimeMutation } from '../../mutants/RuntimeMutation.js';

/** What a hooked actor handles: the suite's commands and the notices its `watch` commands ask for. */
type HookedMessage = HookCommand | WatchNotice;
interface WatchNotice {
  readonly kind: 'notice';
  readonly of: string;
}

/** What the guardian forwards to {@link ReferenceHooks}: spawn or stop a top-level hooked actor. */
export type HookedGuardianMessage = { readonly hooked: HookedActorBlueprint } | { readonly stopHooked: string };

/** Number of event-loop turns without hook activity after which a system whose hooks wait on the clock counts as settled. */
const quietTurns = 5;

/**
 * Hooked actors on the reference runtime: each is a `Behaviors.fromActor` object actor whose
 * hooks use the suite's resource and extensions, supervised by its directive. An escalating
 * child is watched by its parent, whose object actor has no signal hook, so the child's
 * failure fails the parent (the runtime's death pact, WATCH-07).
 */
export class ReferenceHooks {
  private readonly refs = new Map<string, ActorRef<HookedMessage>>();
  private readonly notices = new Map<string, WatchNotice>();
  /**
   * Start hooks waiting for the suite's clock, or for nothing at all (a hook that never finishes
   * stays counted after the runtime gave up on it): while there are any, the system never looks idle.
   */
  private stalledHooks = 0;
  /** Counts hook and resource activity, so settling can tell when nothing moves any more. */
  private activity = 0;
  /** Called when a start hook stalls. */
  private onStall: (() => void)[] = [];

  constructor(
    private readonly env: TestEnvironment,
    private readonly mutation: RuntimeMutation = {},
  ) {}

  /** The extensions to register when the system is created (none outside hooks runs). */
  get extensions(): HookEnvironment['extensions'] {
    return this.env.hooks?.extensions ?? [];
  }

  /** Handles a guardian message meant for hooked actors; false (and nothing done) for any other message. */
  handles(context: ActorContext<never>, message: object): message is HookedGuardianMessage {
    if ('hooked' in message) {
      const blueprint = (message as { readonly hooked: HookedActorBlueprint }).hooked;
      this.spawn(context, blueprint, blueprint.name);
      return true;
    }
    if ('stopHooked' in message) {
      const ref = this.refs.get((message as { readonly stopHooked: string }).stopHooked);
      if (ref) context.stop(ref);
      return true;
    }
    return false;
  }

  /** Sends a command to the hooked actor at `path`, if there is one. */
  tell(path: string, command: HookCommand): void {
    this.refs.get(path)?.tell(command);
  }

  /**
   * Resolves when the system is idle, or, while start hooks are stalled (which the runtime
   * counts as work in progress), when hooks and resource have been quiet for a while.
   */
  async settle(systemSettled: () => Promise<void>): Promise<void> {
    for (;;) {
      if (this.stalledHooks === 0) {
        const idle = await Promise.race([systemSettled().then(() => true), new Promise<false>((resolve) => this.onStall.push(() => resolve(false)))]);
        this.onStall = [];
        if (idle) return;
      } else if (await this.quietWhileStalled()) return;
    }
  }

  /** True once nothing moved for a few turns while hooks are stalled; false as soon as none is. */
  private async quietWhileStalled(): Promise<boolean> {
    let seen = this.activity;
    for (let quiet = 0; quiet < quietTurns; ) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.stalledHooks === 0) return false;
      quiet = this.activity === seen ? quiet + 1 : 0;
      seen = this.activity;
    }
    return true;
  }

  private spawn(context: ActorContext<never>, blueprint: HookedActorBlueprint, path: string): ActorRef<HookedMessage> {
    const ref = context.spawn(this.behavior(blueprint, path), blueprint.name);
    this.refs.set(path, ref);
    return ref;
  }

  private behavior(blueprint: HookedActorBlueprint, path: string): Behavior<HookedMessage> {
    const options = blueprint.startTimeoutMs === undefined ? {} : { preStartTimeoutMs: blueprint.startTimeoutMs };
    const actor = Behaviors.fromActor<HookedMessage>(() => this.actor(blueprint, path), options);
    switch (blueprint.directive) {
      case 'stop':
        return Behaviors.supervise(actor).onFailure(SupervisorStrategy.stop());
      case 'resume':
        return Behaviors.supervise(actor).onFailure(SupervisorStrategy.resume());
      case 'restart':
        return Behaviors.supervise(actor).onFailure(SupervisorStrategy.restart());
      default:
        // No directive, or escalate: the actor stops, and an escalating child's parent fails with it.
        return actor;
    }
  }

  /** The same notice object per watcher and target, so a repeated watch stays idempotent. */
  private noticeFor(watcher: string, target: string): WatchNotice {
    const key = `${watcher}\u0000${target}`;
    let notice = this.notices.get(key);
    if (!notice) this.notices.set(key, (notice = { kind: 'notice', of: target }));
    return notice;
  }

  /** One incarnation's object: fresh fields every time the runtime calls the factory (HOOK-05). */
  private actor(blueprint: HookedActorBlueprint, path: string): Actor<HookedMessage> {
    const hooks = this.env.hooks!;
    const { probe, resource } = hooks;
    let state = 0;
    let revision = 0;
    let dirty = false;
    const touch = () => {
      this.activity += 1;
    };
    const lookUp = (context: ActorContext<HookedMessage>, site: HookSite) => {
      for (const id of blueprint.extensions) probe.extension(path, site, id, context.extension(id));
    };
    const flush = async () => {
      touch();
      await resource.upsertObject(path, revision + 1, state, 'hooks');
      touch();
      revision += 1;
      dirty = false;
    };
    const stall = (): void => {
      this.stalledHooks += 1;
      for (const notify of this.onStall) notify();
    };
    const waitOnClock = async (ms: number) => {
      stall();
      await new Promise<void>((resolve) => this.env.clock.setTimer(ms, resolve));
      this.stalledHooks -= 1;
      touch();
    };
    const actor: Actor<HookedMessage> = {
      preStart: async (context) => {
        touch();
        probe.started(path);
        lookUp(context, 'preStart');
        if (blueprint.startHangs === true) {
          stall();
          await new Promise<never>(() => undefined); // only the runtime's time limit ends this start
        }
        if (blueprint.startDelayMs > 0) await waitOnClock(blueprint.startDelayMs);
        const stored = await resource.getObject(path);
        touch();
        state = stored.value ?? 0;
        revision = stored.revision;
        probe.loaded(path, state, revision);
        for (const child of blueprint.children) {
          if (context.child(child.name)) continue; // kept by the runtime across a restart
          const ref = this.spawn(context as ActorContext<never>, child, `${path}/${child.name}`);
          if (child.directive === 'escalate') context.watch(ref);
        }
      },
      // receive and postStop are synchronous unless they write: an Actor may return a promise or nothing, so both are exercised.
      receive: (context, message) => {
        touch();
        if (message.kind === 'notice') {
          probe.notified(path, message.of);
          lookUp(context, 'receive');
          return;
        }
        probe.handled(path, message.id, state, revision);
        lookUp(context, 'receive');
        switch (message.kind) {
          case 'add':
            state += message.by;
            dirty = true;
            return message.flush ? flush() : undefined;
          case 'crash':
            throw this.env.errors.create('E0');
          case 'watch': {
            const target = this.refs.get(message.target);
            if (target) context.watchWith(target, this.noticeFor(path, message.target));
            return;
          }
        }
      },
      postStop: (context) => {
        touch();
        probe.stopping(path);
        lookUp(context, 'postStop');
        return dirty ? flush() : undefined;
      },
    };
    return this.mutation.detachedHook === undefined ? actor : detach(actor, this.mutation.detachedHook);
  }
}

/** A mutant's runtime: `hook` runs, but nobody waits for it (its failure is lost as well). */
function detach(actor: Actor<HookedMessage>, hook: 'preStart' | 'postStop'): Actor<HookedMessage> {
  const run = actor[hook]!.bind(actor);
  return {
    ...actor,
    [hook]: (context: ActorContext<HookedMessage>) => {
      void Promise.resolve(run(context)).catch(() => undefined);
    },
  };
}
