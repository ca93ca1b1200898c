/**
 * A toy actor runtime, small enough to read in one sitting: the runtime that
 * `docs/writing-an-adapter.md` connects to the conformance kit. It has spawn, tell and stop,
 * children, one supervision strategy (restart, which re-runs `setup`) and two lifecycle signals
 * (`PreRestart`, `PostStop`). No watch, stash, timers or restart limits.
 *
 * @packageDocumentation
 */

/** A lifecycle signal, delivered to {@link Props.signal}. */
export type Signal = 'PreRestart' | 'PostStop';

/** What a message handler returns: nothing to carry on, `'stop'` to stop the actor. */
export type Directive = void | 'stop';

/** What an actor can do while it sets up or handles a message. */
export interface ActorContext {
  readonly self: ActorRef<never>;
  /** Spawns a child; it starts on a later turn, before any of its mail. */
  spawn<M>(name: string, props: Props<M>): ActorRef<M>;
  /** The live child called `name`. */
  child(name: string): ActorRef<never> | undefined;
  /** Stops a child of this actor at once (its children first, then its `PostStop`). */
  stop(child: ActorRef<never>): void;
}

/** How to build an actor. */
export interface Props<M> {
  /** Runs when the actor starts and again at each restart; returns that incarnation's handler. */
  setup(context: ActorContext): (message: M) => Directive;
  /** What a thrown error does: `'stop'` (default) or `'restart'` (PreRestart, stop the children, set up again). */
  readonly onFailure?: 'stop' | 'restart';
  /** Lifecycle signals of a running incarnation. What it throws is reported, never fatal. */
  signal?(signal: Signal): void;
}

/** The address of an actor; mail to a stopped actor is dropped. */
export class ActorRef<M> {
  /** @internal */
  constructor(
    readonly path: string,
    private readonly deliver: (message: M) => void,
  ) {}

  tell(message: M): void {
    this.deliver(message);
  }
}

/** A cell whatever its message type: parents, children and the run queue hold cells of many types. */
type AnyCell = Cell<any>;

/** One actor: its mailbox, its children and the handler of its current incarnation. */
class Cell<M> {
  readonly ref: ActorRef<M>;
  readonly children = new Map<string, AnyCell>();
  scheduled = false;
  private readonly mailbox: M[] = [];
  /** Undefined until a setup succeeded, and again while a restart's setup keeps failing. */
  private handler: ((message: M) => Directive) | undefined;
  private attempted = false;
  private started = false;
  private stopped = false;
  private readonly context: ActorContext;

  constructor(
    private readonly system: ToySystem,
    private readonly parent: AnyCell | undefined,
    readonly name: string,
    private readonly props: Props<M>,
  ) {
    const path = parent ? `${parent.ref.path}/${name}` : name;
    this.ref = new ActorRef(path, (message) => this.enqueue(message));
    this.context = {
      self: this.ref as ActorRef<never>,
      spawn: (childName, childProps) => {
        if (this.children.has(childName)) throw new Error(`${path} already has a child named ${childName}`);
        const child = new Cell(this.system, this, childName, childProps);
        this.children.set(childName, child);
        return child.ref;
      },
      child: (childName) => this.children.get(childName)?.ref,
      stop: (ref) => [...this.children.values()].find((c) => c.ref === ref)?.stop(),
    };
    system.schedule(this);
  }

  private enqueue(message: M): void {
    if (this.stopped) return;
    this.mailbox.push(message);
    this.system.schedule(this);
  }

  /** One turn: set up when there is no incarnation, else handle one message. */
  step(): void {
    if (this.stopped) return;
    if (!this.handler) this.setUp();
    else if (this.mailbox.length > 0) this.handle(this.mailbox.shift()!);
    if (!this.stopped && (!this.handler || this.mailbox.length > 0)) this.system.schedule(this);
  }

  private setUp(): void {
    this.attempted = true;
    try {
      this.handler = this.props.setup(this.context);
      this.started = true;
    } catch {
      // A first start that fails is final; a restart's setup that fails is retried next turn.
      if (!this.started || this.props.onFailure !== 'restart') this.stop();
    }
  }

  private handle(message: M): void {
    let directive: Directive;
    try {
      directive = this.handler!(message);
    } catch {
      if (this.props.onFailure !== 'restart') return this.stop();
      this.signal('PreRestart');
      for (const child of [...this.children.values()]) child.stop();
      this.handler = undefined;
      return this.setUp();
    }
    if (directive === 'stop') this.stop();
  }

  /** Children first, then `PostStop` (only a running incarnation hears it); the name is free again. */
  stop(): void {
    if (this.stopped) return;
    // A spawned actor always starts, even when it is stopped before its first turn.
    if (!this.attempted) this.setUp();
    if (this.stopped) return;
    this.stopped = true;
    for (const child of [...this.children.values()]) child.stop();
    if (this.handler) this.signal('PostStop');
    this.handler = undefined;
    this.mailbox.length = 0;
    (this.parent?.children ?? this.system.topLevel).delete(this.name);
  }

  private signal(signal: Signal): void {
    try {
      this.props.signal?.(signal);
    } catch (error) {
      this.system.onSignalError(error);
    }
  }
}

/** A system of actors, run on the microtask queue one message per actor turn. */
export class ToySystem {
  /** @internal */
  readonly topLevel = new Map<string, AnyCell>();
  private readonly ready: AnyCell[] = [];
  private draining = false;
  private idleWaiters: (() => void)[] = [];

  /** `onSignalError` hears what signal handlers throw (default: ignore it). */
  constructor(readonly onSignalError: (error: unknown) => void = () => {}) {}

  /** Spawns a top-level actor. */
  spawn<M>(name: string, props: Props<M>): ActorRef<M> {
    if (this.topLevel.has(name)) throw new Error(`a top-level actor named ${name} is alive`);
    const cell = new Cell(this, undefined, name, props);
    this.topLevel.set(name, cell);
    return cell.ref;
  }

  /** Resolves once no actor has anything left to do. */
  whenIdle(): Promise<void> {
    if (!this.draining) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops every actor. */
  terminate(): void {
    for (const cell of [...this.topLevel.values()]) cell.stop();
  }

  /** @internal */
  schedule(cell: AnyCell): void {
    if (!cell.scheduled) {
      cell.scheduled = true;
      this.ready.push(cell);
    }
    if (this.draining) return;
    this.draining = true;
    queueMicrotask(() => this.drain());
  }

  private drain(): void {
    while (this.ready.length > 0) {
      const cell = this.ready.shift()!;
      cell.scheduled = false;
      cell.step();
    }
    this.draining = false;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
