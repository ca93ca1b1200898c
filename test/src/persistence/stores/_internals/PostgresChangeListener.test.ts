import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PostgresChangeListener, type ListeningClient } from '../../../../../src/persistence/stores/_internals/PostgresChangeListener.js';

/** A LISTEN connection that records what it was asked and can be made to notify or break. */
class FakeClient extends EventEmitter implements ListeningClient {
  readonly queries: string[] = [];
  released: Error | boolean | undefined | 'no' = 'no';
  async query(text: string): Promise<unknown> {
    this.queries.push(text);
    return {};
  }
  release(error?: Error | boolean): void {
    this.released = error;
  }
  notifyOn(channel: string, payload: string): void {
    this.emit('notification', { channel, payload });
  }
}

function listenerWithFakes() {
  const clients: FakeClient[] = [];
  const listener = PostgresChangeListener.of({}, async () => {
    const client = new FakeClient();
    clients.push(client);
    return client;
  });
  return { listener, clients };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('PostgresChangeListener', () => {
  it('shares one connection between subscribers and wakes only those of the notified namespace', async () => {
    const { listener, clients } = listenerWithFakes();
    const woken: string[] = [];
    listener.subscribe('chan', 'a', () => woken.push('a1'));
    listener.subscribe('chan', 'a', () => woken.push('a2'));
    listener.subscribe('chan', 'b', () => woken.push('b'));
    await listener.ready('chan');
    await listener.ready('chan');
    expect(clients).toHaveLength(1);
    expect(clients[0]!.queries).toEqual(['LISTEN "chan"']);
    clients[0]!.notifyOn('chan', 'a');
    clients[0]!.notifyOn('other', 'b');
    expect(woken).toEqual(['a1', 'a2']);
  });

  it('keeps the connection a moment after the last subscriber left, for the next one, then gives it up unlistened', async () => {
    vi.useFakeTimers();
    const { listener, clients } = listenerWithFakes();
    const first = listener.subscribe('chan', 'a', () => {});
    await listener.ready('chan');
    first();
    const second = listener.subscribe('chan', 'b', () => {});
    await listener.ready('chan');
    expect(clients).toHaveLength(1); // reused
    second();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(clients[0]!.queries.at(-1)).toBe('UNLISTEN *');
    expect(clients[0]!.released).toBeUndefined(); // given back whole
  });

  it('after a broken connection, wakes everyone and listens again on a new one', async () => {
    const { listener, clients } = listenerWithFakes();
    let wakes = 0;
    listener.subscribe('chan', 'a', () => wakes++);
    await listener.ready('chan');
    const broken = new Error('terminated');
    clients[0]!.emit('error', broken);
    await new Promise((resolve) => setImmediate(resolve));
    expect(wakes).toBe(1);
    expect(clients[0]!.released).toBe(broken); // destroyed, not reused
    await listener.ready('chan');
    expect(clients).toHaveLength(2);
    expect(clients[1]!.queries).toEqual(['LISTEN "chan"']);
    clients[1]!.notifyOn('chan', 'a');
    expect(wakes).toBe(2);
  });
});
