/** The coverage data: every upstream test case read, with its verdict against the rules. */
import { goaktCoverage } from './goakt.js';
import { pekkoCoverage } from './pekko.js';
import type { SuiteCoverage } from './CaseVerdict.js';

export * from './CaseVerdict.js';
export * from './countCases.js';
export { goaktCoverage, pekkoCoverage };

/** Every suite read, Pekko first. */
export const upstreamCoverage: readonly SuiteCoverage[] = [...pekkoCoverage, ...goaktCoverage];

/** The commit of each repository the verdicts were given at (the extracted test names record the same). */
export const coverageReadAt = {
  'apache/pekko': '9d9771347e7f3f3900acc196c5cd9252384c2141',
  'Tochemey/goakt': '94c8740c4ce105cffada6db1e03ab9a637121219',
} as const;
