/**
 * The rule registry: the single source of truth for conformance test titles, the coverage
 * matrix, the report schema and `spec/SPEC.md`.
 *
 * @packageDocumentation
 */
export type { Determinism, ReferenceRuntime, Rule, RuleSource, RuntimeDifference } from './Rule.js';
export {
  areaIds,
  areas,
  capabilities,
  capabilityRole,
  isAreaId,
  isCapability,
  isLevel,
  isSourceKind,
  levels,
  optionCapabilities,
  roleIds,
  roles,
  sourceKinds,
  type AreaId,
  type Capability,
  type Level,
  type Role,
  type SourceKind,
} from './vocabulary.js';
export {
  indexByIdAndAlias,
  partitionByCapabilities,
  roleOf,
  ruleById,
  ruleIdPattern,
  rules,
  rulesByArea,
  rulesByCapability,
  rulesByRole,
  slugPattern,
  testTitle,
  validateRegistry,
} from './registry.js';
export { testSuiteOf, testSuites, type TestSuiteTag } from './testSuites.js';
