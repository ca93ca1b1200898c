import type { ActorRef } from '../../../../src/ActorRef.js';
import { DurableStateBehavior } from '../../../../src/persistence/DurableStateBehavior.js';
import { Effect, type ReplyEffect } from '../../../../src/persistence/Effect.js';
import { PersistenceId } from '../../../../src/persistence/PersistenceId.js';
import { StatusReply } from '../../../../src/persistence/StatusReply.js';

/** The seed's bank account with enforced replies: every command must decide about its reply. */
export type AccountState =
  | { readonly status: 'empty' }
  | { readonly status: 'open'; readonly balance: number }
  | { readonly status: 'closed' };

type Ack = ActorRef<StatusReply<StatusReply.Done>>;

export type AccountCommand =
  | { readonly type: 'CreateAccount'; readonly replyTo: Ack }
  | { readonly type: 'Deposit'; readonly amount: number; readonly replyTo: Ack }
  | { readonly type: 'Withdraw'; readonly amount: number; readonly replyTo: Ack }
  | { readonly type: 'GetBalance'; readonly replyTo: ActorRef<number> }
  | { readonly type: 'CloseAccount'; readonly replyTo: Ack };

type Reply = ReplyEffect<AccountState>;

function reject(command: AccountCommand, why: string): Reply {
  if (command.type === 'GetBalance') return Effect.reply(command.replyTo, 0);
  return Effect.reply(command.replyTo, StatusReply.error(why));
}

function open(balance: number, command: AccountCommand): Reply {
  switch (command.type) {
    case 'Deposit':
      return Effect.persist<AccountState>({ status: 'open', balance: balance + command.amount }).thenReply(command.replyTo, () => StatusReply.ack());
    case 'Withdraw':
      if (command.amount > balance) return reject(command, `insufficient balance ${balance} to withdraw ${command.amount}`);
      return Effect.persist<AccountState>({ status: 'open', balance: balance - command.amount }).thenReply(command.replyTo, () => StatusReply.ack());
    case 'GetBalance':
      return Effect.reply(command.replyTo, balance);
    case 'CloseAccount':
      if (balance !== 0) return reject(command, 'cannot close an account with a balance');
      return Effect.persist<AccountState>({ status: 'closed' }).thenReply(command.replyTo, () => StatusReply.ack());
    case 'CreateAccount':
      return reject(command, 'account already exists');
  }
}

/** The account entity `accountNumber`. */
export function account(accountNumber: string) {
  return DurableStateBehavior.withEnforcedReplies<AccountCommand, AccountState>({
    persistenceId: PersistenceId.of('Account', accountNumber),
    emptyState: { status: 'empty' },
    commandHandler: (state, command): Reply => {
      switch (state.status) {
        case 'empty':
          return command.type === 'CreateAccount'
            ? Effect.persist<AccountState>({ status: 'open', balance: 0 }).thenReply(command.replyTo, () => StatusReply.ack())
            : reject(command, 'account does not exist');
        case 'open':
          return open(state.balance, command);
        case 'closed':
          return reject(command, 'account is closed');
      }
    },
  });
}
