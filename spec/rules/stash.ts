import type { Rule } from '../Rule.js';
import { rulesOf, src } from '../_internals/defineRule.js';

const rule = rulesOf('STASH');

/** User stash-buffer rules (STASH); the durable-state internal stash is covered by DS. */
export const stashRules: readonly Rule[] = [
  rule({
    id: 'STASH-01',
    slug: 'stash.buffer.bounded-fifo',
    level: 'MUST',
    title: 'A stash buffer is FIFO and bounded',
    statement:
      'A stash buffer returns messages in the order they were stashed; stashing into a full buffer raises a stash-overflow error and leaves the buffer content unchanged.',
    capabilities: ['stash'],
    sources: [
      src.pekkoTest('SBSpec "enforce capacity"'),
      src.pekkoTest('SBSpec "process elements in the right order"'),
    ],
    hints: ['Is the overflowing message added before the capacity check?', 'Is the buffer a stack instead of a queue?'],
  }),
  rule({
    id: 'STASH-02',
    slug: 'stash.unstash.snapshot-before-mailbox',
    level: 'MUST',
    title: 'unstashAll replays the messages present at call time before the mailbox',
    statement:
      'Unstashing all (unstashAll) handles exactly the messages stashed when it is called, in order, before any message waiting in the mailbox; messages stashed again while unstashing are appended and wait for a later unstash. unstash(n) handles at most the smaller of n and the buffer size at the call.',
    capabilities: ['stash'],
    sources: [
      src.pekkoTest('SBSpec "be able to stash while unstashing"'),
      src.pekkoTest('SBSpec "unstash at most the number of messages in the buffer"'),
      src.pekkoTest('StashSpec "support unstash all"'),
    ],
    differences: [
      {
        runtime: 'goakt',
        note: 'Unstashed messages are re-enqueued through the normal mailbox, so messages already queued can run first.',
      },
    ],
    hints: [
      'Are unstashed messages appended to the mailbox instead of handled first?',
      'Does unstashing loop forever on a message that is stashed again?',
    ],
  }),
  rule({
    id: 'STASH-03',
    slug: 'stash.unstash.stop-or-clear-ends-replay',
    level: 'MUST',
    title: 'Stopping or clearing during unstash ends the replay',
    statement:
      'If the behavior stops while unstashing, the remaining stashed messages are not handled and go to dead letters; if it clears the buffer while unstashing, the remaining messages are skipped.',
    capabilities: ['stash'],
    sources: [src.pekkoTest('Unstash "deal with stop"'), src.pekkoTest('SBSpec "be able to clear while unstashing"')],
    hints: ['Does the unstash loop check for a stopped behavior after each message?'],
  }),
  rule({
    id: 'STASH-04',
    slug: 'stash.unstash.unhandled-continues',
    level: 'MUST',
    title: 'An unhandled message during unstash is ordinary',
    statement:
      'A message that is unhandled while unstashing is treated like any unhandled message, and unstashing goes on with the next one.',
    capabilities: ['stash'],
    sources: [src.pekkoTest('Unstash "deal with unhandled the same way as normal unhandled"')],
    hints: ['Does an unhandled result abort the unstash loop?'],
  }),
  rule({
    id: 'STASH-05',
    slug: 'stash.unstash.failure-restart-or-resume',
    level: 'MUST',
    title: 'A failure during unstash: restart signals the latest behavior, resume keeps the rest',
    statement:
      'When handling an unstashed message fails under restart, PreRestart goes to the most recently unstashed behavior and a stash buffer created inside the restarted setup starts empty; under resume, the failing message is dropped and the messages not yet unstashed stay in the buffer.',
    capabilities: ['stash', 'supervision.restart', 'supervision.resume'],
    sources: [
      src.pekkoTest('Unstash "signal PreRestart to the latest unstashed behavior on failure with restart supervision"'),
      src.pekkoTest('Unstash "signal PreRestart to the latest unstashed behavior on failure with backoff supervision"'),
      src.pekkoTest('Unstash "handle resume correctly on failure unstashing"'),
    ],
    hints: [
      'Is PreRestart sent to the behavior current before unstashing started?',
      'Are remaining messages lost on resume?',
    ],
  }),
  rule({
    id: 'STASH-06',
    slug: 'stash.unstash.failure-stop',
    level: 'MUST',
    title: 'A failure during unstash under stop signals the latest behavior',
    statement:
      'When handling an unstashed message fails under the stop strategy, PostStop goes to the most recently unstashed behavior.',
    capabilities: ['stash', 'lifecycle.post-stop'],
    sources: [src.pekkoTest('Unstash "signal PostStop to the latest unstashed behavior on failure"')],
    hints: ['Is PostStop sent to the behavior current before unstashing started?'],
  }),
];
