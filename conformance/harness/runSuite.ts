import { roleIds, rulesByRole, type AreaId, type Level, type Role, type Rule } from '../../spec/index.js';
import { decodeReplayToken, encodeReplayToken, InvalidReplayTokenError, isUnreplayablePath } from '../engine/ReplayToken.js';
import type { PropertyResult, RuleResult } from '../engine/results.js';
import { deriveRuleResults } from '../engine/ruleResults.js';
import { effectiveCapabilities, runtimeProperties, type RunnableProperty } from '../engine/runtimeProperties.js';
import type { RunOptions } from '../engine/runProperty.js';
import { markWeak, type ReportedCounterexample, type RuleOutcome } from '../report/ConformanceRun.js';
import { weakRuleIds } from '../report/weakRules.generated.js';
import { storeFamilies } from '../store/storeFamilies.js';
import { storeProperties } from '../store/storeProperties.js';
import type { StorePlugin } from '../contract/StorePlugin.js';
import type { AdapterPort } from '../engine/AdapterPort.js';
import { IsolatedWorker } from './_internals/IsolatedWorker.js';
import type { AdapterIdentity, HostConnection, HostGone, RunFault } from './protocol/HostConnection.js';
import type { ScriptCoverage } from './protocol/messages.js';
import { remoteStorePlugin } from './protocol/remoteStorePlugin.js';
import { SelectionError } from './SelectionError.js';
import type { AdapterLocation } from './resolveAdapter.js';
import { ReplayMismatchError } from './ReplayMismatchError.js';

export type { ScriptCoverage } from './protocol/messages.js';
export type { AdapterIdentity } from './protocol/HostConnection.js';

/** Which rules to run and how. @public */
export interface SuiteOptions {
  /** Rule IDs or area prefixes (`SUP-07`, `WATCH`, `STORE`); default: every rule the adapter module can be judged on. */
  readonly select?: readonly string[];
  /** Only rules of these levels. */
  readonly levels?: readonly Level[];
  /** Overrides every property's number of runs. */
  readonly numRuns?: number;
  /** The seed of every property; the harness picks one when absent, so it can always be printed. */
  readonly seed?: number;
  /** Rerun exactly one failing case. */
  readonly replay?: string;
  /** Longest a single adapter operation may take (default 10 000 ms). */
  readonly operationTimeoutMs?: number;
  /** Longest the whole run may take (default 30 minutes). */
  readonly totalTimeoutMs?: number;
  /** Run only shard `index` (1-based) of `total`. */
  readonly shard?: { readonly index: number; readonly total: number };
  /** Real milliseconds of quiet after which the generic settle and live queries judge nothing more will come (see `RunOptions.patienceMs`). */
  readonly patienceMs?: number;
  /** Collect v8 coverage of the code the workers run. */
  readonly coverage?: boolean;
  /** Told when each property starts and ends. */
  readonly onProgress?: (event: SuiteProgress) => void;
}

/** Progress of a run, one event per property. @public */
export type SuiteProgress =
  | { readonly kind: 'property-start'; readonly property: string; readonly index: number; readonly total: number }
  | { readonly kind: 'property-end'; readonly property: string; readonly index: number; readonly total: number; readonly status: string }
  /** A rule failed, skipped or in error is reported as soon as every property that checks it has run; passes and unexercised rules at the end, when no later property can still blame them. */
  | { readonly kind: 'rule'; readonly outcome: RuleOutcome };

/** What {@link runSuite} found. @public */
export interface SuiteResult {
  readonly adapter: AdapterIdentity;
  readonly seed: number;
  readonly rules: readonly RuleOutcome[];
  readonly durationMs: number;
  /** Raw v8 script coverage of every worker, when asked for. */
  readonly coverage: readonly ScriptCoverage[];
}

/**
 * The rules a selection names among those of `roles` (default: the whole catalogue): IDs (or
 * aliases) and area prefixes, filtered by level and shard. @public
 */
export function selectRules(options: Pick<SuiteOptions, 'select' | 'levels' | 'shard' | 'replay'>, roles: readonly Role[] = roleIds): Rule[] {
  let chosen = roles.flatMap((role) => rulesByRole(role));
  if (options.replay !== undefined) {
    const family = suiteProperties().find((f) => f.id === decodeReplayToken(options.replay!).family);
    chosen = chosen.filter((r) => family?.rules.includes(r.id) === true);
  }
  if (options.select !== undefined && options.select.length > 0) {
    const wanted = options.select.map((s) => s.toUpperCase());
    chosen = chosen.filter((r) => wanted.some((w) => w === r.id || w === r.area || r.aliases.includes(w)));
  }
  if (options.levels !== undefined && options.levels.length > 0) chosen = chosen.filter((r) => options.levels!.includes(r.level));
  if (options.shard !== undefined) {
    const { index, total } = options.shard;
    chosen = chosen.filter((_, i) => i % total === index - 1);
  }
  return chosen;
}

/**
 * The properties a module is judged by, for their IDs and rules only: the runtime properties
 * when it offers a runtime adapter, the store properties when it offers a store plugin
 * (default: both). The main thread never runs adapter code, so they are bound to stand-ins
 * that carry the loaded module's identities. @public
 */
export function suiteProperties(implementations: LoadedImplementations = { runtime: undefinedIdentity, store: undefinedIdentity }): RunnableProperty[] {
  return [
    ...(implementations.runtime !== undefined ? runtimeProperties(standIn(implementations.runtime)) : []),
    ...(implementations.store !== undefined ? storeProperties(storeStandIn(implementations.store)) : []),
  ];
}

const undefinedIdentity: AdapterIdentity = { name: 'unknown', version: '0', capabilities: [] };

/** What a loaded module offers: its runtime adapter, its store plugin, or both. */
interface LoadedImplementations {
  readonly runtime?: AdapterIdentity;
  readonly store?: AdapterIdentity;
}

function implementationsOf(host: HostConnection): LoadedImplementations {
  return { ...(host.adapter !== undefined ? { runtime: host.adapter } : {}), ...(host.store !== undefined ? { store: host.store } : {}) };
}

/** The roles whose rules a module can be judged on. */
function rolesOf(implementations: LoadedImplementations): Role[] {
  return [...(implementations.runtime !== undefined ? ['runtime' as const] : []), ...(implementations.store !== undefined ? ['store' as const] : [])];
}

/** Whether a property is a store property: its tokens replay against any store plugin. */
function isStoreProperty(id: string): boolean {
  return storeFamilies.some((f) => f.id === id);
}

function storeStandIn(identity: AdapterIdentity): StorePlugin {
  return {
    name: identity.name,
    version: identity.version,
    capabilities: identity.capabilities,
    createStore() {
      throw new Error('store plugin code runs in its host only');
    },
  };
}

function standIn(identity: AdapterIdentity | undefined): AdapterPort {
  return {
    name: identity?.name ?? 'unknown',
    version: identity?.version ?? '0',
    capabilities: identity?.capabilities ?? [],
    ...(identity?.hookPolicy !== undefined ? { hookPolicy: identity.hookPolicy } : {}),
    openRun() {
      return Promise.reject(new Error('adapter code runs in the worker only'));
    },
  };
}

/** How one property ended, as the main thread saw it: its result, the adapter's faults, and whether the host was lost. */
interface JobOutcome {
  readonly result: PropertyResult | undefined;
  readonly faults: readonly RunFault[];
  readonly lost: { readonly gone: HostGone; readonly run: number } | undefined;
  /** The property itself threw (a replay token that does not fit it). */
  readonly crash: string | undefined;
}

/** A property that did not end with a result of its own: the adapter broke it. */
interface Breakage {
  readonly message: string;
  readonly replayToken: string;
}

/**
 * Runs the suite against an adapter loaded in a worker thread under a watchdog: a hung
 * operation, a throw or an event out of contract turns that property's rules into `error`
 * (with the seed and a replay token) and the run goes on with a fresh worker; a failure that
 * passes when replayed is `flaky`. The module may be a runtime adapter, a store plugin or both;
 * it is judged on the rules of what it offers. Throws `AdapterLoadError` when the adapter cannot
 * be loaded, `ReplayMismatchError` when a replay token names another runtime adapter,
 * `InvalidReplayTokenError` when its path leads to no generated case, and `SelectionError` when
 * the selection holds none of the rules the module is judged on.
 *
 * @public
 */
export async function runSuite(location: AdapterLocation, options: SuiteOptions = {}): Promise<SuiteResult> {
  const started = performance.now();
  const seed = options.seed ?? (options.replay !== undefined ? decodeReplayToken(options.replay).seed : Math.floor(Math.random() * 2 ** 31));
  const limits = { operationTimeoutMs: options.operationTimeoutMs ?? 10_000, deadline: Date.now() + (options.totalTimeoutMs ?? 30 * 60_000) };
  const coverage = options.coverage ?? false;
  const scripts: ScriptCoverage[] = [];
  let host = await IsolatedWorker.connect(location, limits, coverage);
  const identity = host.identity;
  const implementations = implementationsOf(host);
  const token = options.replay === undefined ? undefined : decodeReplayToken(options.replay);
  // A store case replays against any plugin; a runtime case only against the adapter it failed on.
  if (token !== undefined && !isStoreProperty(token.family) && token.adapter === undefined) {
    await host.close();
    throw new InvalidReplayTokenError(`missing adapter: a case of the runtime property ${token.family} names the adapter it failed on`);
  }
  if (token?.adapter !== undefined && !isStoreProperty(token.family) && token.adapter !== identity.name) {
    await host.close();
    throw new ReplayMismatchError(token.adapter, identity.name);
  }
  const retire = async (): Promise<void> => {
    // The store plugin's teardown() (when its setup() ran), under the watchdog; a throw there judges no rule.
    if (implementations.store !== undefined && host.alive) await host.request({ type: 'storeTeardown' }).catch(() => undefined);
    if (coverage && host.alive) scripts.push(...(await host.coverage()));
    await host.close();
  };
  const selected = selectRules(options, rolesOf(implementations));
  if (selected.length === 0) {
    await host.close();
    throw new SelectionError(emptySelectionMessage(location.source, implementations, token?.family));
  }
  const replayFamily = token?.family;
  const all = suiteProperties(implementations);
  const families = all.filter((f) => selected.some((r) => f.rules.includes(r.id)) && (replayFamily === undefined || f.id === replayFamily));
  const results = new Map<string, PropertyResult>();
  const broken = new Map<string, Breakage>();
  const flaky = new Map<string, string>();
  const job = async (family: RunnableProperty, replay?: string): Promise<JobOutcome> => {
    if (!host.alive) host = await IsolatedWorker.connect(location, limits, coverage);
    return runOn(host, family.id, {
      seed,
      ...(options.numRuns !== undefined ? { numRuns: options.numRuns } : {}),
      ...(replay !== undefined ? { replay } : {}),
      ...(options.patienceMs !== undefined ? { patienceMs: options.patienceMs } : {}),
    });
  };
  let unreported = [...selected];
  // A pass (or an unexercised verdict) can still turn into a failure when a later property
  // reaches the rule and blames it, so those wait for the end; other verdicts are final at once.
  const report = (rules: readonly Rule[], final: boolean): void => {
    const outcomes = outcomesOf(rules, all, results, broken, flaky, identity).filter(
      (o) => final || (o.status !== 'passed' && o.status !== 'unexercised'),
    );
    unreported = unreported.filter((r) => !outcomes.some((o) => o.id === r.id));
    for (const outcome of outcomes) options.onProgress?.({ kind: 'rule', outcome });
  };
  for (const [index, family] of families.entries()) {
    options.onProgress?.({ kind: 'property-start', property: family.id, index, total: families.length });
    if (Date.now() > limits.deadline) {
      broken.set(family.id, { message: `not run: the overall timeout of ${options.totalTimeoutMs ?? 0} ms ran out (seed ${seed})`, replayToken: tokenOf(family, identity, seed, -1) });
    } else {
      const outcome = await job(family, options.replay);
      if (options.replay !== undefined && outcome.crash !== undefined && isUnreplayablePath(outcome.crash)) {
        await retire();
        const { path } = decodeReplayToken(options.replay);
        throw new InvalidReplayTokenError(`its path ${path} leads to no generated case of property ${family.id} at seed ${seed} (was it edited, or made by another version of the kit?)`);
      }
      const breakage = breakageOf(outcome, family, identity, seed, limits.operationTimeoutMs);
      if (breakage !== undefined) broken.set(family.id, breakage);
      if (outcome.result !== undefined) {
        results.set(family.id, outcome.result);
        const token = outcome.result.counterexample?.replayToken;
        if (breakage === undefined && outcome.result.status === 'failed' && token !== undefined && options.replay === undefined) {
          const again = await job(family, token);
          if (again.result?.status === 'passed' && again.faults.length === 0 && again.lost === undefined) flaky.set(family.id, token);
        }
      }
    }
    const status = broken.has(family.id) ? 'error' : flaky.has(family.id) ? 'flaky' : (results.get(family.id)?.status ?? 'error');
    options.onProgress?.({ kind: 'property-end', property: family.id, index, total: families.length, status });
    const done = new Set(families.slice(0, index + 1).map((f) => f.id));
    const settled = unreported.filter((r) => families.every((f) => !f.rules.includes(r.id) || done.has(f.id)) && families.some((f) => f.rules.includes(r.id)));
    report(settled, false);
  }
  report(unreported, true);
  await retire();
  return {
    adapter: identity,
    seed,
    // Weak rules (no shipped mutant fails them) are marked so a reader knows a pass proves less.
    rules: markWeak(outcomesOf(selected, all, results, broken, flaky, identity), weakRuleIds),
    durationMs: performance.now() - started,
    coverage: scripts,
  };
}

function tokenOf(family: RunnableProperty, identity: AdapterIdentity, seed: number, run: number): string {
  return encodeReplayToken({ family: family.id, ...(isStoreProperty(family.id) ? {} : { adapter: identity.name }), seed, path: String(Math.max(run, 0)) });
}

function emptySelectionMessage(source: string, implementations: LoadedImplementations, replayFamily: string | undefined): string {
  const offers = [
    ...(implementations.runtime !== undefined ? [`a runtime adapter (${implementations.runtime.name})`] : []),
    ...(implementations.store !== undefined ? [`a store plugin (${implementations.store.name})`] : []),
  ].join(' and ');
  const asked = replayFamily !== undefined ? `the replay token's property ${replayFamily}` : 'the selected rules';
  const judged = rolesOf(implementations).map((role) => (role === 'runtime' ? 'runtime rules' : 'STORE and TAG rules')).join(' and ');
  return `${source} offers ${offers}, which is judged on ${judged} only; ${asked} hold none of them`;
}

/**
 * Runs one property in the main thread against the adapter's host: generation, the model,
 * checking and shrinking happen here; the host only executes the operations.
 */
async function runOn(host: HostConnection, familyId: string, options: RunOptions): Promise<JobOutcome> {
  host.beginProperty();
  const properties = [
    ...(host.adapter !== undefined ? runtimeProperties(host) : []),
    ...(host.store !== undefined ? storeProperties(remoteStorePlugin(host)) : []),
  ];
  const property = properties.find((p) => p.id === familyId);
  let result: PropertyResult | undefined;
  let crash: string | undefined;
  try {
    if (property === undefined) throw new Error(`unknown property ${familyId}`);
    result = await property.run(options);
  } catch (error) {
    crash = error instanceof Error ? error.message : String(error);
  }
  return { result, faults: [...host.faults], lost: host.lost, crash };
}

function breakageOf(outcome: JobOutcome, family: RunnableProperty, identity: AdapterIdentity, seed: number, timeoutMs: number): Breakage | undefined {
  const where = `adapter ${identity.name}, property ${family.id}, seed ${seed}`;
  const lost = outcome.lost;
  if (lost !== undefined) {
    const run = Math.max(lost.run, 0);
    const gone = lost.gone;
    const message =
      gone.kind === 'crashed'
        ? `the adapter crashed the worker in run ${run + 1}: ${gone.message} (${where})`
        : gone.kind === 'violated'
          ? `the adapter's worker broke the adapter protocol in run ${run + 1}: ${gone.message} (${where}); it was terminated`
        : gone.why === 'operation'
          ? `${gone.operation}() did not return within ${timeoutMs} ms in run ${run + 1} (${where}); the worker running the adapter was terminated`
          : gone.why === 'unresponsive'
            ? `the adapter's worker stopped answering for ${timeoutMs} ms in run ${run + 1}, outside any operation (a loop in a timer or callback of its own?) (${where}); it was terminated`
            : `the overall timeout ran out during ${gone.operation}() in run ${run + 1} (${where})`;
    return { message, replayToken: tokenOf(family, identity, seed, run) };
  }
  const [first] = outcome.faults;
  if (first !== undefined) {
    const more = outcome.faults.length > 1 ? ` (and ${outcome.faults.length - 1} more faults)` : '';
    return {
      message: `the adapter broke in ${first.operation} in run ${first.run + 1}: ${first.message}${more} (${where})`,
      replayToken: outcome.result?.counterexample?.replayToken ?? tokenOf(family, identity, seed, first.run),
    };
  }
  if (outcome.crash !== undefined || outcome.result === undefined) {
    return { message: `the property could not run: ${outcome.crash ?? 'no result'} (${where})`, replayToken: tokenOf(family, identity, seed, 0) };
  }
  return undefined;
}

function outcomesOf(
  selected: readonly Rule[],
  families: readonly RunnableProperty[],
  results: ReadonlyMap<string, PropertyResult>,
  broken: ReadonlyMap<string, Breakage>,
  flaky: ReadonlyMap<string, string>,
  identity: AdapterIdentity,
): RuleOutcome[] {
  const derived = deriveRuleResults(selected, families, results, effectiveCapabilities(standIn(identity)));
  return selected.map((rule, i): RuleOutcome => {
    const base = derived[i] as RuleResult;
    const common = {
      id: rule.id,
      area: rule.area as AreaId,
      level: rule.level,
      title: rule.title,
      statement: rule.statement,
      hints: rule.hints,
      properties: base.properties,
      runs: base.runs,
      exercisedRuns: base.exercisedRuns,
      durationMs: base.durationMs,
    };
    if (base.status === 'skipped') return { ...common, status: 'skipped', ...(base.reason !== undefined ? { reason: base.reason } : {}) };
    const breakages = base.properties.flatMap((p) => {
      const b = broken.get(p);
      return b ? [b] : [];
    });
    const [breakage] = breakages;
    if (breakage !== undefined) {
      const shown = base.counterexample;
      return {
        ...common,
        status: 'error',
        reason: breakages.map((b) => b.message).join('; '),
        counterexample: { steps: shown?.steps ?? [], message: breakage.message, historyExcerpt: shown?.historyExcerpt ?? [], replayToken: breakage.replayToken },
      };
    }
    const counterexample: ReportedCounterexample | undefined = base.counterexample && {
      steps: base.counterexample.steps,
      message: base.counterexample.message,
      historyExcerpt: base.counterexample.historyExcerpt,
      replayToken: base.counterexample.replayToken,
    };
    const status = base.status === 'failed' && counterexample !== undefined && [...flaky.values()].includes(counterexample.replayToken) ? 'flaky' : base.status;
    const reason = status === 'flaky' ? 'failed, then passed when its replay token was run again' : base.reason;
    return { ...common, status, ...(reason !== undefined ? { reason } : {}), ...(counterexample ? { counterexample } : {}) };
  });
}
