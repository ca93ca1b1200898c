/**
 * The virtual-time loop the three models share: moves a model's clock `ms` forward one due
 * instant at a time, as the suite's clock does. `nextDue()` gives the earliest instant something
 * is pending (`Infinity` for nothing); `fire(due)` handles everything due then, with the clock set
 * to it. What it starts for the same instant fires before the clock moves on.
 */
export function advanceClock(clock: { now: number }, ms: number, nextDue: () => number, fire: (due: number) => void): void {
  const target = clock.now + ms;
  for (let due = nextDue(); due <= target; due = nextDue()) {
    clock.now = due;
    fire(due);
  }
  clock.now = target;
}
