import { areas, isLevel, rules, type Level } from '../../../spec/index.js';
import { decodeReplayToken } from '../../engine/ReplayToken.js';
import { selectRules, suiteProperties, type SuiteOptions } from '../../harness/runSuite.js';
import { isReporterName, reporters, type ReporterName } from '../../report/writeReports.js';
import { UsageError } from './UsageError.js';

/** The selection options of every run, as commander parsed them (a list option given only commas or blanks is an empty list). */
export interface SelectionFlags {
  rules?: string[];
  level?: string[];
  reporter: string[];
}

/** Which rules to run, checked: `SuiteOptions` without the run limits. */
export type Selection = Pick<SuiteOptions, 'select' | 'levels' | 'shard' | 'replay'>;

/** `--rules ,` or `--level ''` must not quietly mean "everything": an option given with nothing in it is refused. */
function refuseEmptyLists(flags: SelectionFlags): void {
  const empty = (['rules', 'level'] as const).filter((key) => flags[key] !== undefined && flags[key].length === 0);
  if (empty.length > 0) throw new UsageError(`${empty.map((key) => `--${key}`).join(', ')} given with nothing in it: the selection holds no rule`);
}

/**
 * The reporters `--reporter` chose on the command line: all of them when it was not given, and
 * refused when it was given with nothing in it (`--reporter ,`). (The API takes an empty list
 * to mean "write no report"; a user who types the option means some.)
 */
export function chosenReporters(given: string[] | undefined): string[] {
  if (given === undefined) return Object.keys(reporters);
  if (given.length === 0) throw new UsageError('--reporter given with nothing in it: no report to write');
  return given;
}

/** The property a replay token names, which must be one of this kit's. */
function replayedProperty(token: string): { id: string; rules: readonly string[] } {
  const { family } = decodeReplayToken(token);
  const property = suiteProperties().find((p) => p.id === family);
  if (property === undefined) {
    const shown = family.length <= 80 ? family : `${family.slice(0, 80)}…`;
    throw new UsageError(`the replay token names property ${JSON.stringify(shown)}, which this kit does not have (was it made by another version of the kit?)`);
  }
  return property;
}

/**
 * Checks the reporters, levels, rule names and replay token, and that the selection holds a
 * rule, all before anything is loaded or run. Throws {@link UsageError} or `InvalidReplayTokenError`.
 */
export function checkedSelection(flags: SelectionFlags, extra: Pick<SuiteOptions, 'shard' | 'replay'> = {}): { selection: Selection; reporters: ReporterName[] } {
  refuseEmptyLists(flags);
  const unknownReporters = flags.reporter.filter((r) => !isReporterName(r));
  if (unknownReporters.length > 0) throw new UsageError(`unknown reporter ${unknownReporters.join(', ')} (choose from ${Object.keys(reporters).join(', ')})`);
  const levels = (flags.level ?? []).map((l) => l.toUpperCase());
  const badLevel = levels.find((l) => !isLevel(l));
  if (badLevel !== undefined) throw new UsageError(`unknown level ${badLevel} (choose from MUST, SHOULD, MAY)`);
  // Runtime and store rules alike: which ones the module is judged on is known once it is loaded.
  const unknownRules = (flags.rules ?? []).filter((s) => !Object.hasOwn(areas, s.toUpperCase()) && !rules.some((r) => r.id === s.toUpperCase() || r.aliases.includes(s.toUpperCase())));
  if (unknownRules.length > 0) throw new UsageError(`no rule or area named ${unknownRules.join(', ')} (see --list-rules)`);
  const replayed = extra.replay === undefined ? undefined : replayedProperty(extra.replay);
  const selection: Selection = {
    ...(flags.rules !== undefined ? { select: flags.rules } : {}),
    ...(levels.length > 0 ? { levels: levels as Level[] } : {}),
    ...extra,
  };
  if (selectRules(selection).length === 0) {
    if (replayed !== undefined) throw new UsageError(`the selection holds no rule: the replay token's property ${replayed.id} checks ${replayed.rules.join(', ')}, and the other options leave none of them`);
    throw new UsageError('the selection holds no rule');
  }
  return { selection, reporters: flags.reporter as ReporterName[] };
}
