import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Queue } from '../../../src/_internals/Queue.js';

describe('Queue', () => {
  it('LIF-02 behaves like an array used as a FIFO under any interleaving of operations', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer(), fc.constant('shift' as const), fc.constant('prepend' as const)), { maxLength: 200 }), (ops) => {
        const queue = new Queue<number>(2);
        const model: number[] = [];
        for (const op of ops) {
          if (op === 'shift') expect(queue.shift()).toBe(model.shift());
          else if (op === 'prepend') {
            queue.prependAll([-1, -2]);
            model.unshift(-1, -2);
          } else {
            queue.push(op);
            model.push(op);
          }
          expect(queue.size).toBe(model.length);
          expect(queue.peek()).toBe(model[0]);
        }
        const seen: number[] = [];
        queue.forEach((n) => seen.push(n));
        expect(seen).toEqual(model);
        expect(queue.drain()).toEqual(model);
      }),
      { numRuns: 100 },
    );
  });
});
