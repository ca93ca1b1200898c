/**
 * Checks that the test citations of the rules name upstream tests that exist, character for
 * character, against the list of test names extracted from the upstream snapshots
 * (`spec/_internals/upstreamTests.json`, written by `scripts/upstream/extract.ts`).
 */
import type { Rule } from '../Rule.js';

/** The tests of one upstream file, read at one commit. */
export interface UpstreamTestFile {
  readonly repo: string;
  readonly commit: string;
  readonly path: string;
  /** Full test names: enclosing groups and the test's own name, joined by `" / "`. */
  readonly tests: readonly string[];
}

/** The extracted test names: Pekko suites by tag, GoAkt test files by path. */
export interface UpstreamTests {
  readonly pekko: Readonly<Record<string, UpstreamTestFile>>;
  readonly goakt: Readonly<Record<string, UpstreamTestFile>>;
}

/** A test citation taken apart: the suite (tag or file) and the test name. */
export interface TestCitation {
  readonly suite: string;
  readonly test: string;
}

/** Separator between a test group and what it contains, in full test names. */
export const groupSeparator = ' / ';

/** Parses `Tag "test name"`; `undefined` when the reference has another shape. */
export function parsePekkoTestRef(ref: string): TestCitation | undefined {
  const match = /^([A-Za-z0-9]+) "(.+)"$/.exec(ref);
  return match ? { suite: match[1]!, test: match[2]! } : undefined;
}

/** Parses `path/to/x_test.go TestName / subtest`; `undefined` when the reference has another shape. */
export function parseGoaktTestRef(ref: string): TestCitation | undefined {
  const match = /^(\S+_test\.go) (Test\S*(?: \/ .+)?)$/.exec(ref);
  return match ? { suite: match[1]!, test: match[2]! } : undefined;
}

/**
 * The full test names a cited name stands for: the one it equals, or else every test whose own
 * name (without its groups) it equals. Empty when the name resolves to no test.
 */
export function resolveTestName(tests: readonly string[], name: string): string[] {
  if (tests.includes(name)) return [name];
  return tests.filter((test) => test.endsWith(`${groupSeparator}${name}`) && !name.includes(groupSeparator));
}

/** What is wrong with one citation, or `undefined` when it resolves to an existing test. */
export function citationProblem(kind: 'pekko-test' | 'goakt-test', ref: string, upstream: UpstreamTests): string | undefined {
  const citation = kind === 'pekko-test' ? parsePekkoTestRef(ref) : parseGoaktTestRef(ref);
  if (citation === undefined) {
    return kind === 'pekko-test'
      ? `"${ref}" is not of the form <tag> "<test name>"`
      : `"${ref}" is not of the form <path>_test.go <TestName>[ / <subtest>]`;
  }
  const files = kind === 'pekko-test' ? upstream.pekko : upstream.goakt;
  const file = Object.hasOwn(files, citation.suite) ? files[citation.suite] : undefined;
  if (file === undefined) return `"${ref}" names ${citation.suite}, whose test names were not extracted`;
  if (resolveTestName(file.tests, citation.test).length === 0) {
    return `"${ref}": no test of ${file.repo}:${file.path}@${file.commit.slice(0, 12)} is named "${citation.test}"`;
  }
  return undefined;
}

/** Every test citation of the rules that does not resolve, one line each. */
export function citationProblems(rules: readonly Rule[], upstream: UpstreamTests): string[] {
  const problems: string[] = [];
  for (const rule of rules) {
    for (const source of rule.sources) {
      if (source.kind !== 'pekko-test' && source.kind !== 'goakt-test') continue;
      const problem = citationProblem(source.kind, source.ref, upstream);
      if (problem !== undefined) problems.push(`${rule.id}: ${problem}`);
    }
  }
  return problems;
}
