/**
 * How a test actor reports to the suite. Every method records one history event; the adapter
 * calls them from inside the actor, at the moment the thing happens.
 *
 * @public
 */
export interface Probe {
  /**
   * First thing every setup attempt does. Records the start of an incarnation and **throws**
   * the error the suite planned when this attempt must fail; let it escape the setup.
   */
  setupStarted(path: string): void;
  /** A `ping{id}` was handled while the incarnation's counter was `count`. */
  received(path: string, id: number, count: number): void;
  /** The behavior received `PreRestart` or `PostStop`. */
  signal(path: string, signal: 'PreRestart' | 'PostStop'): void;
  /** A handled `Terminated` about the actor at `of`. */
  terminated(path: string, of: string): void;
  /** A handled `ChildFailed`: child `of` failed with an error named `cause` (see `ErrorRegistry.nameOf`). */
  childFailed(path: string, of: string, cause: string): void;
  /** The `watchWith` message about `of` arrived. */
  watchMessage(path: string, of: string): void;
  /**
   * The runtime published a dead letter for a suite command that carries an `id` (`ping`,
   * `fail`, `stop`, `unhandled`) addressed to the actor at `path` (LIF-08), or dropped one from
   * a full restart buffer (SUP-10). Needs the `dead-letters` capability.
   */
  deadLetter(path: string, id: number): void;
}
