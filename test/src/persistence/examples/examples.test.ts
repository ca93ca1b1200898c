import { describe, expect, it } from 'vitest';
import type { StatusReply } from '../../../../src/persistence/StatusReply.js';
import { STORE_KINDS, world } from '../_harness.js';
import { account } from './Account.js';
import { blogPost, type PostContent } from './BlogPost.js';

const post: PostContent = { postId: 'p1', title: 'Durable', body: 'first draft' };

describe('blog post example (seed)', () => {
  for (const kind of STORE_KINDS) {
    it(`DS-17 AddPost, ChangeBody, Publish reply after the write; invalid commands get StatusReply errors; state survives a restart (${kind.name} store)`, async () => {
      const w = world(await kind.create());
      const replies = w.probe<StatusReply<unknown>>();
      const posts = w.probe<PostContent>();
      const ref = w.kit.spawn(blogPost('p1'));
      ref.tell({ type: 'ChangeBody', body: 'too early', replyTo: replies.ref });
      expect(await replies.receiveMessage()).toEqual({ ok: false, message: 'the post has not been added yet' });
      ref.tell({ type: 'AddPost', content: post, replyTo: replies.ref });
      expect(await replies.receiveMessage()).toEqual({ ok: true, value: { postId: 'p1' } });
      ref.tell({ type: 'AddPost', content: post, replyTo: replies.ref });
      expect(await replies.receiveMessage()).toEqual({ ok: false, message: 'post p1 already exists' });
      ref.tell({ type: 'ChangeBody', body: 'final', replyTo: replies.ref });
      ref.tell({ type: 'GetPost', replyTo: posts.ref });
      expect(await replies.receiveMessage()).toEqual({ ok: true, value: 'done' });
      expect(await posts.receiveMessage()).toEqual({ ...post, body: 'final' });
      ref.tell({ type: 'Publish', replyTo: replies.ref });
      expect(await replies.receiveMessage()).toEqual({ ok: true, value: 'done' });
      w.kit.stop(ref);
      await replies.expectTerminated(ref);
      const again = w.kit.spawn(blogPost('p1'));
      again.tell({ type: 'ChangeBody', body: 'late', replyTo: replies.ref });
      again.tell({ type: 'GetPost', replyTo: posts.ref });
      expect(await replies.receiveMessage()).toEqual({ ok: false, message: 'post p1 is already published' });
      expect(await posts.receiveMessage()).toEqual({ ...post, body: 'final' });
      expect((await w.store.getObject('BlogPost|p1')).revision).toBe(3);
    });
  }

  it('DS-05 GetPost on a blank post is unhandled and reported on the event stream', async () => {
    const w = world();
    const posts = w.probe<PostContent>();
    const ref = w.kit.spawn(blogPost('p2'));
    ref.tell({ type: 'GetPost', replyTo: posts.ref });
    await posts.expectNoMessage();
    expect(w.events.filter((event) => event.type === 'UnhandledMessage')).toHaveLength(1);
  });
});

describe('account example with enforced replies (seed)', () => {
  it('DS-17 every command is answered: acks after writes, errors without writing', async () => {
    const w = world();
    const acks = w.probe<StatusReply<unknown>>();
    const balances = w.probe<number>();
    const ref = w.kit.spawn(account('42'));
    ref.tell({ type: 'Deposit', amount: 5, replyTo: acks.ref });
    ref.tell({ type: 'CreateAccount', replyTo: acks.ref });
    ref.tell({ type: 'Deposit', amount: 100, replyTo: acks.ref });
    ref.tell({ type: 'Withdraw', amount: 30, replyTo: acks.ref });
    ref.tell({ type: 'Withdraw', amount: 100, replyTo: acks.ref });
    ref.tell({ type: 'CloseAccount', replyTo: acks.ref });
    ref.tell({ type: 'GetBalance', replyTo: balances.ref });
    expect(await acks.receiveMessages(6)).toEqual([
      { ok: false, message: 'account does not exist' },
      { ok: true, value: 'done' },
      { ok: true, value: 'done' },
      { ok: true, value: 'done' },
      { ok: false, message: 'insufficient balance 70 to withdraw 100' },
      { ok: false, message: 'cannot close an account with a balance' },
    ]);
    expect(await balances.receiveMessage()).toBe(70);
    ref.tell({ type: 'Withdraw', amount: 70, replyTo: acks.ref });
    ref.tell({ type: 'CloseAccount', replyTo: acks.ref });
    ref.tell({ type: 'Deposit', amount: 1, replyTo: acks.ref });
    expect(await acks.receiveMessages(3)).toEqual([
      { ok: true, value: 'done' },
      { ok: true, value: 'done' },
      { ok: false, message: 'account is closed' },
    ]);
    expect(await w.store.getObject('Account|42')).toEqual({ value: { status: 'closed' }, revision: 5 });
  });
});
