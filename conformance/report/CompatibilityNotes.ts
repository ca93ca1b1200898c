/**
 * Whether a third-party runtime's failure of a rule is a bug of that runtime or a deliberate
 * difference of semantics: one sentence each, kept in a JSON file next to the compatibility
 * matrix (`docs/compatibility-notes.json`) and shown beside the failure it explains.
 */

/** The two kinds of explanation a failure of a third-party runtime can have. @public */
export type Verdict = 'bug' | 'difference';

/** Every verdict, for validation and messages. @public */
export const verdicts: readonly Verdict[] = ['bug', 'difference'];

/** One explained failure. @public */
export interface Explanation {
  /** `bug`: the runtime means to behave as the rule says and does not; `difference`: it deliberately behaves otherwise. */
  readonly verdict: Verdict;
  /** One sentence that says why, for a reader who does not know the runtime. */
  readonly sentence: string;
}

/** Explanations by adapter name (as the adapter declares it), then by rule ID. @public */
export type CompatibilityNotes = Readonly<Record<string, Readonly<Record<string, Explanation>>>>;

/** Why the notes cannot be used. @public */
export type CompatibilityNotesErrorCode = 'NOTES_INVALID' | 'NOTE_MISSING' | 'NOTE_UNUSED';

/**
 * The notes file is malformed, or (when the matrix requires explanations) a third-party
 * failure has no explanation or an explanation no longer matches a failure. The command line
 * exits with code 2 on it and writes nothing.
 *
 * @public
 */
export class CompatibilityNotesError extends Error {
  constructor(
    /** Stable machine-readable reason. */
    readonly code: CompatibilityNotesErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CompatibilityNotesError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keys starting with `$` (such as `$comment`) are for the people who edit the file. */
const isComment = (key: string): boolean => key.startsWith('$');

/**
 * Reads and checks a notes file: `{ "<adapter>": { "<RULE-ID>": { "verdict": "bug" | "difference",
 * "sentence": "…" } } }`. `knownRuleIds` are the rule IDs a note may name. Throws
 * {@link CompatibilityNotesError} (`NOTES_INVALID`) naming the first problem and where it is.
 *
 * @public
 */
export function parseCompatibilityNotes(text: string, source: string, knownRuleIds: readonly string[]): CompatibilityNotes {
  const invalid = (where: string, what: string): CompatibilityNotesError => new CompatibilityNotesError('NOTES_INVALID', `${source}: ${where}${what}`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw invalid('', `is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isRecord(data)) throw invalid('', 'must be an object keyed by adapter name');
  const notes: Record<string, Record<string, Explanation>> = {};
  for (const [adapter, byRule] of Object.entries(data)) {
    if (isComment(adapter)) continue;
    if (!isRecord(byRule)) throw invalid(`"${adapter}" `, 'must be an object keyed by rule ID');
    const explained: Record<string, Explanation> = {};
    for (const [ruleId, note] of Object.entries(byRule)) {
      if (isComment(ruleId)) continue;
      const where = `"${adapter}" › "${ruleId}" `;
      if (!knownRuleIds.includes(ruleId)) throw invalid(where, 'names no rule of the registry (rule IDs are upper case, e.g. LIF-04)');
      if (!isRecord(note)) throw invalid(where, 'must be an object with "verdict" and "sentence"');
      const { verdict, sentence } = note;
      if (typeof verdict !== 'string' || !(verdicts as readonly string[]).includes(verdict)) {
        throw invalid(where, `has verdict ${JSON.stringify(verdict)}; use "bug" (the runtime means to do what the rule says) or "difference" (it deliberately does otherwise)`);
      }
      if (typeof sentence !== 'string' || !/^\S[^\n]*[.!?]$/.test(sentence.trim())) {
        throw invalid(where, 'needs a "sentence": one line of text that ends with a full stop');
      }
      const unexpected = Object.keys(note).filter((k) => k !== 'verdict' && k !== 'sentence' && !isComment(k));
      if (unexpected.length > 0) throw invalid(where, `has unknown field ${unexpected.join(', ')} (only "verdict" and "sentence")`);
      explained[ruleId] = { verdict: verdict as Verdict, sentence: sentence.trim() };
    }
    notes[adapter] = explained;
  }
  return notes;
}
