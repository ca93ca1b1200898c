import { describe, expect, it } from 'vitest';
import { goTests, scalaTests } from '../../../scripts/upstream/testNames.js';

const full = (tests: { groups: readonly string[]; name: string }[]) => tests.map((t) => [...t.groups, t.name].join(' / '));

describe('scalaTests', () => {
  it('finds WordSpec cases with their groups, and ignores strings in comments, bodies and braces in strings', () => {
    const source = `
      class FooSpec extends AnyWordSpec {
        // "commented" in { }
        /* "block comment" in { } */
        "A foo" must {
          "do { the thing }" in {
            val s = "not a test }"
            val c = '"'
            s should be("x")
          }
          "Nested" should {
            "deep one" taggedAs (Slow) in { }
          }
        }
        "top level" in pending
        "A bar optionally".may {
          optional(flag = true) {
            "maybe" in { }
          }
        }
        s"Strategy $s" should {
          "with \\"quotes\\"" in { }
        }
      }`;
    expect(full(scalaTests(source))).toEqual([
      'A foo / do { the thing }',
      'A foo / Nested / deep one',
      'top level',
      'A bar optionally / maybe',
      'Strategy $s / with "quotes"',
    ]);
  });

  it('records the class each case is in, so one file can hold several suites', () => {
    const source = `
      abstract class AbstractX extends Spec { "a" must { "one" in { } } }
      class UnstashingX extends Spec { "b" must { "two" in { } } }`;
    expect(scalaTests(source).map((t) => `${t.className}: ${t.name}`)).toEqual(['AbstractX: one', 'UnstashingX: two']);
  });
});

describe('goTests', () => {
  it('finds test functions and t.Run subtests at any depth, but not helpers or computed names', () => {
    const source = `
      func helper(t *testing.T) { t.Run("not a test", func(t *testing.T) {}) }
      func TestA(t *testing.T) {
        t.Run("With x", func(t *testing.T) {
          s := "}"
          t.Run("inner", func(t *testing.T) {})
        })
        for _, tc := range cases { t.Run(tc.name, func(t *testing.T) {}) }
        // t.Run("commented", ...)
        t.Run(\`raw name\`, func(t *testing.T) {})
      }
      func TestB(t *testing.T) {}`;
    expect(full(goTests(source))).toEqual(['TestA', 'TestA / With x', 'TestA / With x / inner', 'TestA / raw name', 'TestB']);
  });
});
