import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '../../spec/registry.js';
import { citationProblem, citationProblems, resolveTestName, type UpstreamTests } from '../../spec/_internals/citations.js';
import { rulesOf, src } from '../../spec/_internals/defineRule.js';
import { sourceCitationProblems } from '../../spec/_internals/sourceCitations.js';
import { goaktTestFiles, upstreamSuites } from '../../spec/testSuites.js';

const upstream = JSON.parse(
  readFileSync(new URL('../../spec/_internals/upstreamTests.json', import.meta.url), 'utf8'),
) as UpstreamTests & { readonly sourceFiles: Readonly<Record<string, unknown>> };

const invented = (sources: Parameters<ReturnType<typeof rulesOf>>[0]['sources']) =>
  rulesOf('WATCH')({ id: 'WATCH-99', slug: 'watch.invented', level: 'MUST', title: 't', statement: 's', capabilities: [], hints: ['h'], sources });

describe('test citations', () => {
  it('every pekko-test and goakt-test source of the registry names an extracted upstream test', () => {
    expect(citationProblems(rules, upstream)).toEqual([]);
  });

  it('holds the test names of every suite and GoAkt test file that spec/testSuites.ts names, from the same path', () => {
    expect(Object.keys(upstream.pekko).sort()).toEqual(Object.keys(upstreamSuites).sort());
    for (const [tag, suite] of Object.entries(upstreamSuites)) {
      expect([upstream.pekko[tag]?.repo, upstream.pekko[tag]?.path], tag).toEqual([suite.repo, suite.path]);
    }
    expect(Object.keys(upstream.goakt).sort()).toEqual([...goaktTestFiles].sort());
  });

  it('records the commit every list of test names was read at', () => {
    for (const file of [...Object.values(upstream.pekko), ...Object.values(upstream.goakt)]) {
      expect(file.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(file.tests.length).toBeGreaterThan(0);
    }
  });

  it('resolves a name character for character, as a full name or as a test own name', () => {
    const tests = ['A restarter / receive message', 'Lifecycle / must react to PostStop'];
    expect(resolveTestName(tests, 'receive message')).toEqual(['A restarter / receive message']);
    expect(resolveTestName(tests, 'Lifecycle / must react to PostStop')).toEqual(['Lifecycle / must react to PostStop']);
    expect(resolveTestName(tests, 'receive messages')).toEqual([]);
    expect(resolveTestName(tests, 'Receive message')).toEqual([]);
    expect(resolveTestName(tests, 'message')).toEqual([]);
    expect(resolveTestName(tests, 'Other / receive message')).toEqual([]);
  });

  it('rejects a citation with a near-miss name, an unknown suite or no quoted name', () => {
    const rule = invented([
        src.pekkoTest('WatchSpec "fail when watch is used after watchWith"'),
        src.pekkoTest('WatchSpec "fail when watch is used after watchWith on same subject"'),
        src.pekkoTest('TkStoreSpec offsets'),
        src.pekkoTest('NoSuchSpec "x"'),
        src.goaktTest('actor/pid_test.go TestRecordFault'),
        src.goaktTest('actor/pid_test.go TestPassivation / With Time based passivation'),
        src.goaktTest('actor/nowhere_test.go TestX'),
    ]);
    const problems = citationProblems([rule], upstream);
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toContain('no test of apache/pekko:actor-typed-tests');
    expect(problems.join('\n')).toContain('TkStoreSpec offsets" is not of the form');
    expect(problems.join('\n')).toContain('With Time based passivation');
    expect(citationProblem('goakt-test', 'actor/pid_test.go TestPassivation / With Time-based passivation', upstream)).toBeUndefined();
  });

  it('every source-file citation was found in its snapshot by the extraction script', () => {
    expect(sourceCitationProblems(rules, upstream.sourceFiles)).toEqual([]);
  });

  it('rejects a source-file citation the extraction did not find or that is not a path', () => {
    const rule = invented([
      src.goakt('actor/pid.go recordFault'),
      src.goakt('actor/pid.go recordFaults'),
      src.pekko('persistence-testkit PersistenceTestKitDurableStateStore.scala'),
      src.goaktDocs('docs/actor/lifecycle.mdx'),
      src.goaktDocs('docs/actor/lifecycle.md'),
      src.akka('akka-persistence/anything.scala'),
    ]);
    const problems = sourceCitationProblems([rule], upstream.sourceFiles);
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toContain('recordFaults');
    expect(problems.join('\n')).toContain('lifecycle.md"');
  });
});
