/**
 * Bounds on what a host may send. Beyond them a message is a fault of the adapter, never
 * something the kit tries to hold, render or check.
 */
export const protocolLimits = {
  /** Longest message text (JSON) outside coverage replies. */
  maxMessageChars: 8_000_000,
  /** Longest coverage reply (the sources of every script the adapter ran). */
  maxCoverageChars: 512_000_000,
  /** Most events one step may produce. */
  maxEventsPerStep: 20_000,
  /** Most faults one reply may list. */
  maxFaults: 100,
  /** Most changes one store query may deliver. */
  maxChanges: 10_000,
  /** Longest string kept from a host (paths, causes, names); longer ones are cut and marked. */
  maxStringChars: 500,
  /** Longest fault message kept. */
  maxMessageTextChars: 2_000,
} as const;
