/**
 * The conformance kit: the adapter and store-plugin contracts, the runners that check them
 * against the model, and the properties grouped by area. `vitest.ts` wraps the runners in
 * vitest tests; `ADAPTERS.md` explains the contracts to outsiders.
 *
 * @packageDocumentation
 */
export type { DurableEnvironment, DurableProbe } from './contract/DurableEnvironment.js';
export type { ErrorClass, ErrorRegistry, RuntimeErrorClasses } from './contract/ErrorRegistry.js';
export type { HookEnvironment, HookPolicyDeclaration, HookProbe, SuiteExtension } from './contract/HookEnvironment.js';
export type { Probe } from './contract/Probe.js';
export type { RuntimeAdapter, SystemUnderTest, TestEnvironment } from './contract/RuntimeAdapter.js';
export type { StoreChange, StorePlugin, StoreUnderTest } from './contract/StorePlugin.js';
export type { SuiteClock, SuiteTimer } from './contract/SuiteClock.js';
export type { SuiteStore } from './contract/SuiteStore.js';
export { durableFamilies } from './durable/durableFamilies.js';
export type { DurableFamily, DurableProfile, DurableStepKind, EntityCommandKind } from './durable/DurableProfile.js';
export { runDurableProperty } from './durable/runDurableProperty.js';
export { ConformanceViolation } from './engine/ConformanceViolation.js';
export type { GenerationProfile, StepKind } from './engine/GenerationProfile.js';
export type { PropertyFamily } from './engine/PropertyFamily.js';
export { decodeReplayToken, encodeReplayToken, InvalidReplayTokenError, type ReplayData } from './engine/ReplayToken.js';
export type { Counterexample, PropertyResult, ResultStatus, RuleResult } from './engine/results.js';
export { deriveRuleResults } from './engine/ruleResults.js';
export { runConformance, runRule, type ConformanceOptions, type ConformanceReport } from './engine/runConformance.js';
export { DEFAULT_PATIENCE_MS, runProperty, type RunOptions } from './engine/runProperty.js';
export { runtimeProperties, type RunnableProperty } from './engine/runtimeProperties.js';
export { runtimeFamilies } from './families/index.js';
export { hookFamilies } from './hooks/hookFamilies.js';
export type { HookCommandKind, HookFamily, HookProfile, HookStepKind } from './hooks/HookProfile.js';
export { allowedHookPolicies, hookProperties, runHookProperty } from './hooks/runHookProperty.js';
export { runStoreConformance } from './store/runStoreConformance.js';
export { runStoreProperty } from './store/runStoreProperty.js';
export { storeFamilies } from './store/storeFamilies.js';
export { storeProperties } from './store/storeProperties.js';
export type { StoreFamily, StoreProfile, StoreStepKind } from './store/StoreProfile.js';

// The data the suite hands to an adapter (defined with the model, re-exported so adapter authors
// import everything from one entry: `actor-conformance/conformance`).
export {
  anyError,
  describeBlueprint,
  type ActorBlueprint,
  type ActorCommand,
  type ActorCommandKind,
  type ChildWatchMode,
  type DeferredCommand,
  type DurableEntityBlueprint,
  type EffectStep,
  type EntityCommand,
  type HookCommand,
  type HookDirective,
  type HookedActorBlueprint,
  type HookSite,
  type ExtensionLookup,
  type SupervisionLayer,
} from '../spec/model/index.js';

// The isolated harness and the one result model the reports are rendered from.
export { AdapterLoadError, type AdapterLoadErrorCode } from './harness/AdapterLoadError.js';
export { referenceAdapterLocation, resolveAdapter, type AdapterLocation } from './harness/resolveAdapter.js';
export { runSuite, type SuiteOptions, type SuiteProgress, type SuiteResult } from './harness/runSuite.js';

// The adapter protocol (ADAPTERS.md §13): the seam for hosts in another thread, process or language.
export type { AdapterPort, RemoteRun } from './engine/AdapterPort.js';
export {
  protocolVersion,
  type Action,
  type AdapterDeclaration,
  type DeliveredChange,
  type Fault,
  type HostGreeting,
  type HostReply,
  type KitRequest,
  type Observation,
  type RunSetup,
  type ScriptCoverage,
  type StoreCall,
  type StoreDeclaration,
} from './harness/protocol/messages.js';
export { reportSchemaVersion, type ConformanceRun, type RuleOutcome, type RuleStatus } from './report/ConformanceRun.js';
export { boundedRun, reportJsonSchema, schemaProblems, truncated, type JsonSchema } from './report/reportSchema.js';
export { InvalidReportError, parseReport, type ReportExpectations } from './report/parseReport.js';
export { MergeError, mergeRuns, missingShards, type MergeOptions } from './report/mergeRuns.js';
