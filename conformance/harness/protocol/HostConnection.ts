import type { Capability } from '../../../spec/index.js';
import type { HookPolicyDeclaration } from '../../contract/HookEnvironment.js';
import type { AdapterPort, RemoteRun } from '../../engine/AdapterPort.js';
import type { Operation } from '../_internals/Heartbeat.js';
import { AdapterFaultError } from './AdapterFaultError.js';
import type { Action, AdapterDeclaration, Fault, HostGreeting, HostReply, KitRequest, Observation, RunSetup, ScriptCoverage, StoreDeclaration } from './messages.js';
import { protocolLimits } from './protocolLimits.js';
import { parseHostMessage, ProtocolViolation, readReply } from './readHostMessage.js';

/** Why a host is gone: the watchdog killed it, or it died, or it broke the protocol. */
export type HostGone =
  | { readonly kind: 'killed'; readonly why: 'operation' | 'overall' | 'unresponsive'; readonly operation: Operation; readonly elapsedMs: number }
  | { readonly kind: 'crashed'; readonly message: string }
  | { readonly kind: 'violated'; readonly message: string };

/** A two-way pipe of JSON texts to a host (a worker's port, a child's stdio, a function call). */
export interface HostPipe {
  send(text: string): void;
  /** Every message the host sends, and once, when the host is gone. */
  listen(onMessage: (raw: unknown) => void, onGone: (gone: HostGone) => void): void;
  /** Told how many requests are awaiting replies, so a watchdog can time a host that owes one. */
  awaiting(count: number): void;
  close(): Promise<void>;
}

/** The host went away while a request was awaited: the run cannot go on. */
export class HostLostError extends Error {
  readonly code = 'HOST_LOST';
  constructor(readonly gone: HostGone) {
    super(
      gone.kind === 'killed'
        ? `the adapter's host was stopped: ${gone.why} limit during ${gone.operation}()`
        : gone.kind === 'violated'
          ? `the adapter's host broke the protocol: ${gone.message}`
          : `the adapter's host is gone: ${gone.message}`,
    );
    this.name = 'HostLostError';
  }
}

/**
 * The module's identity for reports, from the host's checked greeting: its runtime adapter's
 * name and version (else its store plugin's), and the capabilities both declare.
 */
export interface AdapterIdentity {
  readonly name: string;
  readonly version: string;
  readonly capabilities: readonly Capability[];
  readonly hookPolicy?: HookPolicyDeclaration;
}

type Hello = Extract<HostGreeting, { type: 'hello' }>;

function identityOf(greeting: Hello): AdapterIdentity {
  const { adapter, store } = greeting;
  const primary = (adapter ?? store)!;
  return {
    name: primary.name,
    version: primary.version,
    capabilities: [...(adapter?.capabilities ?? []), ...(store?.capabilities ?? [])],
    ...(adapter?.hookPolicy !== undefined ? { hookPolicy: adapter.hookPolicy } : {}),
  };
}

/** A fault with the 0-based generated run it happened in. */
export interface RunFault extends Fault {
  readonly run: number;
}

interface Pending {
  readonly type: KitRequest['type'];
  readonly resolve: (reply: HostReply) => void;
  readonly reject: (error: Error) => void;
}

type Request = KitRequest extends infer R ? (R extends KitRequest ? Omit<R, 'id'> : never) : never;

/**
 * The kit's side of the adapter protocol, over any {@link HostPipe}: numbers requests, matches
 * each reply to its request, and checks every message before anything else sees it. A message
 * that is not a well-formed reply to an awaited request (garbage, an unknown id, a second reply,
 * a flood) ends the conversation: the host is closed and the run is the adapter's `error`.
 */
export class HostConnection implements AdapterPort {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private gone: HostGone | undefined;
  private runsStarted = 0;
  /** Faults of the current property, with their runs. */
  readonly faults: RunFault[] = [];
  /** Set once the host is gone, with the run it was in. */
  lost: { readonly gone: HostGone; readonly run: number } | undefined;

  readonly identity: AdapterIdentity;
  /** The runtime adapter the host announced, if any. */
  readonly adapter: AdapterDeclaration | undefined;
  /** The store plugin the host announced, if any. */
  readonly store: StoreDeclaration | undefined;

  constructor(
    private readonly pipe: HostPipe,
    greeting: Hello,
  ) {
    this.identity = identityOf(greeting);
    this.adapter = greeting.adapter;
    this.store = greeting.store;
    pipe.listen(
      (raw) => this.receive(raw),
      (gone) => this.end(gone),
    );
  }

  get name(): string {
    return this.identity.name;
  }
  get version(): string {
    return this.identity.version;
  }
  /** The runtime adapter's capabilities (the engine's runtime properties read these). */
  get capabilities(): readonly Capability[] {
    return this.adapter?.capabilities ?? this.identity.capabilities;
  }
  get hookPolicy(): HookPolicyDeclaration | undefined {
    return this.identity.hookPolicy;
  }

  /** Whether the host can still take requests. */
  get alive(): boolean {
    return this.gone === undefined;
  }

  /** 0-based index of the current generated run (-1 before the first). */
  get run(): number {
    return this.runsStarted - 1;
  }

  /** Forgets the runs and faults of the previous property. */
  beginProperty(): void {
    this.runsStarted = 0;
    this.faults.length = 0;
    this.lost = undefined;
  }

  /** Marks the start of the next generated run (a store property's runs start with `createStore`). */
  countRun(): void {
    this.runsStarted += 1;
  }

  async openRun(setup: RunSetup): Promise<RemoteRun> {
    this.countRun();
    const { run } = this.expect(await this.request({ type: 'start', setup }), 'started');
    let stopped = false;
    return {
      step: async (actions: readonly Action[], settle = true): Promise<Observation> => {
        const reply = this.expect(await this.request({ type: 'step', run, actions, settle }), 'observed');
        return { events: reply.events, lookups: reply.lookups, wrongTags: reply.wrongTags };
      },
      stop: async (drainMs = 0): Promise<void> => {
        if (stopped) return;
        stopped = true;
        this.expect(await this.request({ type: 'stop', run, drainMs }), 'stopped');
      },
    };
  }

  /** The v8 coverage the host collected (empty when it cannot). */
  async coverage(): Promise<readonly ScriptCoverage[]> {
    if (!this.alive) return [];
    const reply = await this.request({ type: 'coverage' }).catch(() => undefined);
    return reply?.type === 'coverage' ? reply.scripts : [];
  }

  /** Ends the conversation and the host. */
  async close(): Promise<void> {
    this.end({ kind: 'crashed', message: 'closed by the kit' }, false);
    await this.pipe.close();
  }

  /** Sends one request and resolves with its checked reply. */
  request(request: Request): Promise<HostReply> {
    if (this.gone !== undefined) return Promise.reject(new HostLostError(this.gone));
    const id = this.nextId++;
    return new Promise<HostReply>((resolve, reject) => {
      this.pending.set(id, { type: request.type, resolve, reject });
      this.pipe.awaiting(this.pending.size);
      this.pipe.send(JSON.stringify({ id, ...request }));
    });
  }

  /** A reply of the kind asked for, its faults recorded; a fault ends the run. */
  private expect<T extends HostReply['type']>(reply: HostReply, type: T): Extract<HostReply, { type: T }> {
    if (reply.type === 'fault') throw this.record(reply.fault);
    if (reply.type === 'rejected') throw this.record({ operation: 'the host', message: `it rejected a request: ${reply.message}` });
    if (reply.type !== type) throw this.record({ operation: 'the host', message: `a ${reply.type} reply where ${type} was due` });
    const faults = 'faults' in reply ? reply.faults : [];
    const raised = faults.map((fault) => this.record(fault));
    if (raised[0] !== undefined) throw raised[0];
    return reply as Extract<HostReply, { type: T }>;
  }

  /** Records a fault of the current run and returns the error that stops it. */
  record(fault: Fault): AdapterFaultError {
    this.faults.push({ ...fault, run: this.run });
    return new AdapterFaultError(fault);
  }

  private receive(raw: unknown): void {
    if (this.gone !== undefined) return;
    try {
      const coverageDue = [...this.pending.values()].some((p) => p.type === 'coverage');
      const message = parseHostMessage(raw, coverageDue ? protocolLimits.maxCoverageChars : protocolLimits.maxMessageChars);
      const id = message['id'];
      const awaited = typeof id === 'number' ? this.pending.get(id) : undefined;
      if (awaited === undefined) throw new ProtocolViolation(`a message that answers no awaited request (id ${JSON.stringify(id) ?? 'missing'})`);
      const reply = readReply(message, awaited.type);
      this.pending.delete(reply.id);
      this.pipe.awaiting(this.pending.size);
      awaited.resolve(reply);
    } catch (error) {
      const problem = error instanceof ProtocolViolation ? error.message : String(error);
      this.end({ kind: 'violated', message: problem });
      void this.pipe.close();
    }
  }

  private end(gone: HostGone, remember = true): void {
    if (this.gone !== undefined) return;
    this.gone = gone;
    if (remember) this.lost = { gone, run: this.run };
    const waiting = [...this.pending.values()];
    this.pending.clear();
    this.pipe.awaiting(0);
    for (const p of waiting) p.reject(new HostLostError(gone));
  }
}
