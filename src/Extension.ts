/**
 * A system-wide service (a store, a clock, a connection pool …) registered once at
 * {@link ActorSystem.create} and reachable from every actor through
 * `context.extension(id)` (HOOK-08). Ids are unique within a system.
 *
 * @public
 */
export interface Extension {
  /** Unique id within the system. */
  readonly id: string;
}
