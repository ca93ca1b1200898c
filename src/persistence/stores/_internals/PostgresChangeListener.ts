/** A connection that can LISTEN; `release` gives it up (destroying it if an error is passed). */
export interface ListeningClient {
  query(text: string): Promise<unknown>;
  on(event: 'notification', listener: (message: { channel: string; payload?: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeListener(event: 'notification', listener: (message: { channel: string; payload?: string }) => void): unknown;
  removeListener(event: 'error', listener: (error: Error) => void): unknown;
  release(error?: Error | boolean): void;
}

/** Opens the listener's connection. */
export type ConnectListener = () => Promise<ListeningClient>;

type Subscriber = () => void;

/**
 * How long the LISTEN connection stays open after its last subscriber left: long enough for the
 * next store of a run to reuse it (connecting costs 10-40 ms on a loaded machine), short enough
 * not to hold a process that has closed its stores.
 */
const LINGER_MS = 1_000;

/**
 * One LISTEN connection per pool, shared by every store on that pool that runs live queries,
 * so a thousand stores with live queries hold one connection, not a thousand, and none of the
 * pool's: a pool of one connection still serves reads and writes. Notifications
 * carry the namespace as payload and wake the subscribers of that channel and namespace.
 *
 * The connection is checked out when the first subscriber arrives and given back when the
 * last one leaves. If it breaks, every subscriber is woken (a woken live query re-reads, so
 * nothing committed meanwhile is lost) and the next {@link PostgresChangeListener.listen}
 * connects again.
 */
export class PostgresChangeListener {
  private static readonly byPool = new WeakMap<object, PostgresChangeListener>();

  /** The listener of `pool`, created on first use; `connect` opens its connection. */
  static of(pool: object, connect: ConnectListener): PostgresChangeListener {
    let listener = PostgresChangeListener.byPool.get(pool);
    if (listener === undefined) {
      listener = new PostgresChangeListener(connect);
      PostgresChangeListener.byPool.set(pool, listener);
    }
    return listener;
  }

  /** channel → namespace → subscribers. */
  private readonly subscribers = new Map<string, Map<string, Set<Subscriber>>>();
  /** The connection in use, if connecting has started, and the channels it listens on. */
  private current: Connection | undefined;
  /** Gives the connection up once nobody listened for {@link LINGER_MS}. */
  private lingering: ReturnType<typeof setTimeout> | undefined;

  private constructor(private readonly connectClient: ConnectListener) {}

  /**
   * Subscribes `wake` to commits of `namespace` announced on `channel`; returns the way to
   * unsubscribe. Await {@link PostgresChangeListener.ready} before each read that relies on it.
   */
  subscribe(channel: string, namespace: string, wake: Subscriber): () => void {
    let byNamespace = this.subscribers.get(channel);
    if (byNamespace === undefined) this.subscribers.set(channel, (byNamespace = new Map()));
    let set = byNamespace.get(namespace);
    if (set === undefined) byNamespace.set(namespace, (set = new Set()));
    set.add(wake);
    clearTimeout(this.lingering);
    this.lingering = undefined;
    return () => this.unsubscribe(channel, namespace, wake);
  }

  /** Gives the connection up now, without lingering (its pool is being ended). */
  shutdown(): void {
    clearTimeout(this.lingering);
    this.lingering = undefined;
    this.giveUp();
  }

  /**
   * Resolves once the server listens on `channel`, so every commit after that point is
   * announced; after a broken connection it connects again.
   */
  async ready(channel: string): Promise<void> {
    await this.ensureListening(channel);
  }

  private async ensureListening(channel: string): Promise<void> {
    const connection = (this.current ??= this.connect());
    let listening = connection.channels.get(channel);
    if (listening === undefined) {
      listening = connection.client.then((client) => client.query(`LISTEN "${channel}"`));
      connection.channels.set(channel, listening);
      listening.catch(() => connection.channels.delete(channel));
    }
    await listening;
  }

  private connect(): Connection {
    const connection: Connection = {
      client: this.connectClient(),
      channels: new Map(),
      released: false,
      onNotification: (message) => {
        const set = this.subscribers.get(message.channel)?.get(message.payload ?? '');
        if (set !== undefined) for (const wake of [...set]) wake();
      },
      onError: (error) => this.broken(connection, error),
    };
    connection.client.then(
      (client) => {
        client.on('notification', connection.onNotification);
        client.on('error', connection.onError);
      },
      () => this.forget(connection),
    );
    return connection;
  }

  private forget(connection: Connection): void {
    if (this.current === connection) this.current = undefined;
  }

  /** A broken connection is dropped and everyone woken, so live queries re-read and listen anew. */
  private broken(connection: Connection, error: Error): void {
    this.forget(connection);
    void connection.client.then((client) => release(connection, client, error));
    for (const byNamespace of this.subscribers.values()) {
      for (const set of byNamespace.values()) for (const wake of [...set]) wake();
    }
  }

  private unsubscribe(channel: string, namespace: string, wake: Subscriber): void {
    const byNamespace = this.subscribers.get(channel);
    const set = byNamespace?.get(namespace);
    if (byNamespace === undefined || set === undefined || !set.delete(wake)) return;
    if (set.size > 0) return;
    byNamespace.delete(namespace);
    if (byNamespace.size > 0) return;
    this.subscribers.delete(channel);
    if (this.subscribers.size > 0) return;
    // Nobody listens any more. Stores come and go (a conformance run opens hundreds, one after
    // another), so the connection lingers a moment before it is given up.
    clearTimeout(this.lingering);
    this.lingering = setTimeout(() => this.shutdown(), LINGER_MS);
  }

  /** Gives the connection up, unlistened, unless someone listens again. */
  private giveUp(): void {
    if (this.subscribers.size > 0) return;
    const connection = this.current;
    if (connection === undefined) return;
    this.forget(connection);
    void connection.client.then(
      async (client) => {
        try {
          await client.query('UNLISTEN *');
          release(connection, client);
        } catch (error) {
          release(connection, client, error instanceof Error ? error : true);
        }
      },
      () => {},
    );
  }
}

interface Connection {
  readonly client: Promise<ListeningClient>;
  readonly channels: Map<string, Promise<unknown>>;
  released: boolean;
  readonly onNotification: (message: { channel: string; payload?: string }) => void;
  readonly onError: (error: Error) => void;
}

/** Gives a connection up once (destroyed if `error` is set), without our handlers. */
function release(connection: Connection, client: ListeningClient, error?: Error | boolean): void {
  if (connection.released) return;
  connection.released = true;
  client.removeListener('notification', connection.onNotification);
  client.removeListener('error', connection.onError);
  // A destroyed client may still report its end; nobody is interested any more.
  if (error !== undefined) client.on('error', () => {});
  client.release(error);
}
