/** Exit codes of the command line. */
export const exitCodes = {
  /** Every applicable rule passed (with a baseline: nothing that passed there broke); `compare`: every adapter ran. */
  conforms: 0,
  /** Some rule failed or the adapter broke during a rule; `compare`: so did an adapter named by `--fail-on`. */
  failed: 1,
  /** Bad usage, or an adapter that cannot be loaded. */
  usage: 2,
} as const;
