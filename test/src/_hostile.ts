/** Hostile values for the runtime tests (issue #16 item 7). */

/** A Proxy on which every operation (get, has, getPrototypeOf, ownKeys, apply, …) throws. */
export function trapEverything(): object {
  const handler = new Proxy(
    {},
    {
      get: (_target, trap) => () => {
        throw new Error(`trap ${String(trap)} refused`);
      },
    },
  );
  return new Proxy(function target() {}, handler);
}
