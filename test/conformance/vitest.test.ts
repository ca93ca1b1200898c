import { conformanceSuite } from '../../conformance/vitest.js';
import { referenceRuntimeAdapter } from '../../conformance/adapters/reference-runtime.js';

// The wrapper itself: passing rules, a rule skipped for a missing capability (DS-01 needs
// durable state, which this adapter does not declare) and one no property checks yet (SUP-06).
conformanceSuite(referenceRuntimeAdapter, { rules: ['SUP-02', 'SUP-03', 'WATCH-06', 'DS-01', 'SUP-06'], seed: 7, numRuns: 40 });
