import { describe, expect, it } from 'vitest';
import type { ActorRef } from '../../../src/ActorRef.js';
import { DurableStateBehavior } from '../../../src/persistence/DurableStateBehavior.js';
import { Effect, ReplyEffect } from '../../../src/persistence/Effect.js';
import { PersistenceId } from '../../../src/persistence/PersistenceId.js';
import { StatusReply } from '../../../src/persistence/StatusReply.js';

const sink: ActorRef<string> = { tell: () => {}, name: 'sink', path: '/sink' };

describe('Effect values', () => {
  it('DS-05 each factory has exactly one primary effect; stop, reply and unstashAll are none plus a side effect', () => {
    expect(Effect.persist(3).primary).toEqual({ kind: 'persist', state: 3 });
    expect(Effect.delete().primary.kind).toBe('delete');
    expect(Effect.none().primary.kind).toBe('none');
    expect(Effect.unhandled().primary.kind).toBe('unhandled');
    expect(Effect.stash().primary.kind).toBe('stash');
    expect([Effect.stop(), Effect.unstashAll(), Effect.reply(sink, 'x'), Effect.noReply()].map((e) => e.primary.kind)).toEqual([
      'none',
      'none',
      'none',
      'none',
    ]);
    expect(Effect.stop().sideEffects.map((s) => s.kind)).toEqual(['stop']);
    expect(Effect.unstashAll().sideEffects.map((s) => s.kind)).toEqual(['unstashAll']);
    expect(Effect.noReply().sideEffects).toEqual([]);
  });

  it('DS-06 chaining appends side effects in order and never changes the original effect', () => {
    const base = Effect.persist(1);
    const chained = base.thenRun(() => {}).thenStop().thenUnstashAll().thenReply(sink, () => 'r');
    expect(chained.sideEffects.map((s) => s.kind)).toEqual(['run', 'stop', 'unstashAll', 'reply']);
    expect(base.sideEffects).toEqual([]);
    expect(chained.primary).toBe(base.primary);
  });

  it('DS-17 reply effects stay reply effects when chained; thenReply and thenNoReply make one', () => {
    expect(Effect.reply(sink, 'x').thenRun(() => {})).toBeInstanceOf(ReplyEffect);
    expect(Effect.noReply().thenStop()).toBeInstanceOf(ReplyEffect);
    expect(Effect.persist(1).thenNoReply()).toBeInstanceOf(ReplyEffect);
    expect(Effect.persist(1).thenReply(sink, String)).toBeInstanceOf(ReplyEffect);
    expect(Effect.persist(1).thenRun(() => {})).not.toBeInstanceOf(ReplyEffect);
  });

  it('DS-17 withEnforcedReplies rejects a handler that can return a non-reply effect (compile time)', () => {
    const id = PersistenceId.ofUniqueId('typed');
    const accepted = DurableStateBehavior.withEnforcedReplies<ActorRef<string>, number>({
      persistenceId: id,
      emptyState: 0,
      commandHandler: (state, replyTo) => Effect.persist(state + 1).thenReply(replyTo, String),
    });
    const rejected = DurableStateBehavior.withEnforcedReplies<ActorRef<string>, number>({
      persistenceId: id,
      emptyState: 0,
      // @ts-expect-error a plain Effect is not a ReplyEffect
      commandHandler: (state) => Effect.persist(state + 1),
    });
    expect(accepted.persistenceId).toBe(id);
    expect(rejected.persistenceId).toBe(id);
  });
});

describe('DurableStateBehavior settings', () => {
  it('DS-15 rejects a negative or fractional stash capacity and a negative recovery timeout', () => {
    const behavior = DurableStateBehavior.create<string, number>({
      persistenceId: PersistenceId.ofUniqueId('settings'),
      emptyState: 0,
      commandHandler: () => Effect.none(),
    });
    expect(() => behavior.withStashCapacity(-1)).toThrow(RangeError);
    expect(() => behavior.withStashCapacity(1.5)).toThrow(RangeError);
    expect(() => behavior.withRecoveryTimeout(-1)).toThrow(RangeError);
    expect(behavior.withTag('t').withStashCapacity(0).persistenceId).toBe(behavior.persistenceId);
  });
});

describe('PersistenceId', () => {
  it('joins the entity type hint and the entity id with | by default, or a custom separator', () => {
    expect(PersistenceId.of('Blog', 'post-1').id).toBe('Blog|post-1');
    expect(PersistenceId.of('Blog', 'post-1', '-').id).toBe('Blog-post-1');
    expect(PersistenceId.of('Blog', 'a|b').entityId()).toBe('a|b');
    expect(PersistenceId.of('Blog', 'x').entityTypeHint()).toBe('Blog');
    expect(PersistenceId.ofUniqueId('anything').id).toBe('anything');
    expect(PersistenceId.ofUniqueId('u').equals(PersistenceId.ofUniqueId('u'))).toBe(true);
  });

  it('rejects empty parts and a type hint containing the separator', () => {
    expect(() => PersistenceId.of('', 'x')).toThrow(RangeError);
    expect(() => PersistenceId.of('A', '')).toThrow(RangeError);
    expect(() => PersistenceId.of('A|B', 'x')).toThrow(RangeError);
    expect(() => PersistenceId.ofUniqueId('')).toThrow(RangeError);
  });
});

describe('StatusReply', () => {
  it('carries a value or an error message', () => {
    expect(StatusReply.success(3)).toEqual({ ok: true, value: 3 });
    expect(StatusReply.error('nope')).toEqual({ ok: false, message: 'nope' });
    expect(StatusReply.ack()).toEqual({ ok: true, value: 'done' });
  });
});
