/**
 * What an actor does with its next message or signal. Behaviors are immutable values built
 * with {@link Behaviors}; an actor holds one at a time and every handler returns the next
 * one (or `Behaviors.same()`).
 *
 * The type parameter is the message type the behavior accepts. The class is opaque: its
 * fields are the runtime's business.
 *
 * @public
 */
export abstract class Behavior<T> {
  /**
   * Makes `Behavior` contravariant in `T` (a `Behavior<Animal>` is usable where a
   * `Behavior<Dog>` is expected), as in Pekko. Never set at runtime.
   */
  declare protected readonly messageWitness?: (message: T) => void;
  /** Internal discriminator; see `src/_internals/behaviors.ts`. */
  abstract readonly kind: string;
}
