/**
 * Finds the test cases of a ScalaTest WordSpec (`"group" should { "name" in { … } }`) or of a Go
 * test file (`func TestX(t *testing.T) { t.Run("name", …) }`), with the groups that enclose each.
 */
import { tokenize, type Token } from './tokenize.js';

/** One test case: its own name and the names of the groups around it, outermost first. */
export interface UpstreamTest {
  /** The innermost Scala class or object around the test, when there is one. */
  readonly className?: string;
  readonly groups: readonly string[];
  readonly name: string;
}

/** An open scope: a test group, or a Scala class (whose name is not part of a test's groups). */
interface Scope {
  readonly name: string;
  readonly kind: 'group' | 'class';
  readonly depth: number;
}

const scalaGroupWords = new Set(['should', 'must', 'when', 'can', 'which', 'may']);
const scalaLeafWords = new Set(['in', 'taggedAs', 'ignore']);

/** Walks tokens, tracking brace depth and the open groups, calling `visit` for each token. */
function walk(
  tokens: readonly Token[],
  visit: (
    index: number,
    where: { groups: readonly string[]; className: string | undefined },
    open: (name: string, kind?: Scope['kind']) => void,
  ) => void,
): void {
  const stack: Scope[] = [];
  let depth = 0;
  let pending: Omit<Scope, 'depth'> | undefined;
  tokens.forEach((token, index) => {
    if (token.kind === 'punct' && token.value === '{') {
      if (pending !== undefined) stack.push({ ...pending, depth });
      pending = undefined;
      depth += 1;
      return;
    }
    if (token.kind === 'punct' && token.value === '}') {
      depth -= 1;
      while (stack.length > 0 && stack[stack.length - 1]!.depth >= depth) stack.pop();
      return;
    }
    const groups = stack.filter((scope) => scope.kind === 'group').map((scope) => scope.name);
    const className = stack.filter((scope) => scope.kind === 'class').pop()?.name;
    visit(index, { groups, className }, (name, kind = 'group') => {
      pending = { name, kind };
    });
  });
}

/** The test cases of a ScalaTest WordSpec source. */
export function scalaTests(text: string): UpstreamTest[] {
  const tokens = tokenize(text, 'scala');
  const found: UpstreamTest[] = [];
  walk(tokens, (index, { groups, className }, open) => {
    const token = tokens[index]!;
    const after = tokens[index + 1];
    const previous = tokens[index - 1];
    if (token.kind === 'word' && (previous?.value === 'class' || previous?.value === 'object')) {
      open(token.value, 'class');
      return;
    }
    // `"group" must {` or, in dotted form, `"group".may {`.
    const dotted = after?.value === '.' ? 1 : 0;
    const word = tokens[index + 1 + dotted];
    if (token.kind !== 'string' || word?.kind !== 'word') return;
    if (scalaLeafWords.has(word.value)) {
      found.push({ ...(className === undefined ? {} : { className }), groups, name: token.value });
      open(token.value);
    } else if (scalaGroupWords.has(word.value) && tokens[index + 2 + dotted]?.value === '{') {
      open(token.value);
    }
  });
  return found;
}

/** The tests of a Go test file: every `TestX` function and every `t.Run` subtest named by a literal. */
export function goTests(text: string): UpstreamTest[] {
  const tokens = tokenize(text, 'go');
  const found: UpstreamTest[] = [];
  walk(tokens, (index, { groups }, open) => {
    const token = tokens[index]!;
    const previous = tokens[index - 1];
    if (token.kind === 'word' && previous?.value === 'func' && /^Test[A-Z0-9_]/.test(token.value) && groups.length === 0) {
      found.push({ groups, name: token.value });
      open(token.value);
    } else if (
      token.kind === 'string' &&
      previous?.value === '(' &&
      tokens[index - 2]?.value === 'Run' &&
      tokens[index - 3]?.value === '.' &&
      groups.length > 0
    ) {
      found.push({ groups, name: token.value });
      open(token.value);
    }
  });
  return found;
}
