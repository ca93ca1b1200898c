/**
 * Real milliseconds of quiet after which the suite judges that nothing more will happen, when
 * the implementation cannot say so itself: the generic settle of a runtime without `settle()`
 * and a store's live query. Long enough for a round trip to a database on localhost (well
 * under a millisecond) and a few turns of an in-process scheduler; short enough that a
 * runtime settled hundreds of times per property still runs in seconds. `--patience` and
 * `StorePlugin.patienceMs` change it.
 */
export const defaultPatienceMs = 2;
