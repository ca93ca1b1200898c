// Issue #16 item 7 as a user meets it: actors throw a Proxy whose every trap throws and an object
// whose toString throws. The process must survive, a restarting actor restart, the system keep
// answering and terminate() resolve, with or without an uncaughtException handler.
import { ActorSystem, Behaviors, SupervisorStrategy, ask, type ActorRef } from '../../../src/index.js';

if (process.argv[2] === 'with-handler') process.on('uncaughtException', () => console.log('uncaught exception'));

const trapEverything = new Proxy(
  {},
  new Proxy(
    {},
    {
      get: () => () => {
        throw new Error('trap refused');
      },
    },
  ),
);
const unprintable = {
  toString(): string {
    throw new Error('no text');
  },
};

type Message = { readonly kind: 'throw'; readonly value: unknown } | { readonly kind: 'incarnations'; readonly replyTo: ActorRef<number> };

let incarnations = 0;
const fragile = Behaviors.supervise(
  Behaviors.setup<unknown>(() => {
    incarnations++;
    return Behaviors.receiveMessage<unknown>((value) => {
      throw value;
    });
  }),
).onFailure(SupervisorStrategy.restart());

const system = ActorSystem.create(
  Behaviors.setup<Message>((context) => {
    const restarting = context.spawn(fragile, 'restarting');
    return Behaviors.receiveMessage<Message>((message) => {
      if (message.kind === 'throw') {
        // An unsupervised actor per value: it stops; a restarting one: it restarts.
        context.spawnAnonymous(Behaviors.receiveMessage<unknown>((value) => {
          throw value;
        })).tell(message.value);
        restarting.tell(message.value);
      } else message.replyTo.tell(incarnations);
      return Behaviors.same();
    });
  }),
  'hostile',
);

for (const value of [trapEverything, unprintable]) system.tell({ kind: 'throw', value });
await system.settled();
const count = await ask<Message, number>(system, (replyTo) => ({ kind: 'incarnations', replyTo }));
console.log(`incarnations ${count}`);
await system.terminate();
console.log('terminated');
