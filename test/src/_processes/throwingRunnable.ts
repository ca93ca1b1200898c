// A runnable whose turn throws (a runtime bug) with an uncaughtException handler installed: the
// dispatcher must still run the other actors and become idle, so terminate() can finish.
import { Dispatcher } from '../../../src/_internals/Dispatcher.js';

const caught: string[] = [];
process.on('uncaughtException', (error) => caught.push(error.message));
const dispatcher = new Dispatcher(10);
const ran: string[] = [];
dispatcher.schedule({
  scheduled: false,
  run() {
    throw new Error('runtime bug');
  },
});
dispatcher.schedule({
  scheduled: false,
  run() {
    ran.push('next actor');
    return false;
  },
});
await dispatcher.whenIdle();
console.log(JSON.stringify({ caught, ran }));
