import { mkdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScriptCoverage } from '../harness/runSuite.js';
import type { CoverageSummary } from './ConformanceRun.js';
import { escapeMarkup as x } from './_internals/escape.js';
import { decodeMappings } from './_internals/sourceMapSegments.js';

/** Hit counts per 1-based line of one original source file. */
interface FileLines {
  readonly path: string;
  readonly source: string | undefined;
  readonly lines: Map<number, number>;
}

/** The count of the innermost v8 range that contains `offset` (ranges nest; the narrowest wins). */
function countAt(script: ScriptCoverage, offset: number): number {
  let best: { length: number; count: number } | undefined;
  for (const fn of script.functions) {
    for (const range of fn.ranges) {
      if (offset < range.startOffset || offset >= range.endOffset) continue;
      const length = range.endOffset - range.startOffset;
      if (best === undefined || length <= best.length) best = { length, count: range.count };
    }
  }
  return best?.count ?? 0;
}

const inlineMap = /\/\/# sourceMappingURL=data:application\/json(?:;charset=[^;,]+)?;base64,([A-Za-z0-9+/=]+)\s*$/;

/**
 * Line counts of the original files behind one script: every source-map segment charges the
 * count of the code it maps from to its original line, so comment and type-only lines, which
 * nothing maps to, do not count. Scripts without an inline map count their own lines.
 */
function linesOf(script: ScriptCoverage): FileLines[] {
  const starts = [0];
  for (let i = 0; i < script.source.length; i++) if (script.source.charCodeAt(i) === 10) starts.push(i + 1);
  const mapMatch = inlineMap.exec(script.source);
  const ownPath = fileURLToPath(script.url);
  if (mapMatch === null) {
    const lines = new Map<number, number>();
    script.source.split('\n').forEach((text, i) => {
      const column = text.search(/\S/);
      if (column >= 0) lines.set(i + 1, countAt(script, (starts[i] ?? 0) + column));
    });
    return [{ path: ownPath, source: script.source, lines }];
  }
  const payload = JSON.parse(Buffer.from(mapMatch[1] ?? '', 'base64').toString('utf8')) as { sources: string[]; sourcesContent?: (string | null)[]; mappings: string };
  const files = new Map<number, FileLines>();
  for (const segment of decodeMappings(payload.mappings)) {
    let file = files.get(segment.source);
    if (file === undefined) {
      const named = payload.sources[segment.source] ?? '';
      const path = named.startsWith('file:') ? fileURLToPath(named) : named === '' ? ownPath : named;
      file = { path, source: payload.sourcesContent?.[segment.source] ?? readSource(path), lines: new Map() };
      files.set(segment.source, file);
    }
    const line = segment.originalLine + 1;
    const count = countAt(script, (starts[segment.generatedLine] ?? 0) + segment.generatedColumn);
    file.lines.set(line, Math.max(file.lines.get(line) ?? 0, count));
  }
  return [...files.values()];
}

function readSource(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Whether a file belongs to the implementation under test rather than to this kit or a dependency. */
function isImplementation(path: string, kitRoot: string): boolean {
  if (path.includes(`${sep}node_modules${sep}`)) return false;
  const inKit = relative(kitRoot, path);
  if (inKit.startsWith('..')) return true;
  return !/^(conformance|spec|bin|test[\\/]conformance|dist[\\/](conformance|spec))([\\/]|$)/.test(inKit);
}

/**
 * Turns the v8 coverage the workers collected into a coverage report of the implementation
 * under test (everything but this kit's suite and the dependencies): `lcov.info` and one
 * self-contained `index.html` under `<outDir>/coverage/`, and a summary for the reports.
 *
 * @public
 */
export async function writeCoverage(scripts: readonly ScriptCoverage[], outDir: string, kitRoot: string): Promise<CoverageSummary> {
  const merged = new Map<string, FileLines>();
  for (const script of scripts) {
    for (const file of linesOf(script)) {
      if (!isImplementation(file.path, kitRoot)) continue;
      const into = merged.get(file.path);
      if (into === undefined) merged.set(file.path, { ...file, lines: new Map(file.lines) });
      else for (const [line, count] of file.lines) into.lines.set(line, (into.lines.get(line) ?? 0) + count);
    }
  }
  const files = [...merged.values()].sort((a, b) => a.path.localeCompare(b.path));
  const folder = join(outDir, 'coverage');
  await mkdir(folder, { recursive: true });
  const lcov = files.flatMap((f) => {
    const lines = [...f.lines.entries()].sort((a, b) => a[0] - b[0]);
    return ['TN:', `SF:${f.path}`, ...lines.map(([l, c]) => `DA:${l},${c}`), `LF:${lines.length}`, `LH:${lines.filter(([, c]) => c > 0).length}`, 'end_of_record'];
  });
  await writeFile(join(folder, 'lcov.info'), `${lcov.join('\n')}\n`, 'utf8');
  const covered = files.reduce((n, f) => n + [...f.lines.values()].filter((c) => c > 0).length, 0);
  const total = files.reduce((n, f) => n + f.lines.size, 0);
  await writeFile(join(folder, 'index.html'), coverageHtml(files, kitRoot, covered, total), 'utf8');
  return { lines: { covered, total }, files: files.length, lcov: 'coverage/lcov.info', html: 'coverage/index.html' };
}

function coverageHtml(files: readonly FileLines[], kitRoot: string, covered: number, total: number): string {
  const pct = (c: number, t: number): string => (t === 0 ? 'n/a' : `${((100 * c) / t).toFixed(1)} %`);
  const sections = files.map((f) => {
    const hit = [...f.lines.values()].filter((c) => c > 0).length;
    const body = (f.source ?? '')
      .split('\n')
      .map((text, i) => {
        const count = f.lines.get(i + 1);
        const cls = count === undefined ? '' : count > 0 ? ' class="hit"' : ' class="miss"';
        return `<tr${cls}><td class="n">${i + 1}</td><td class="n">${count ?? ''}</td><td><code>${x(text)}</code></td></tr>`;
      })
      .join('\n');
    return `<details><summary>${x(relative(kitRoot, f.path))} — ${hit}/${f.lines.size} lines (${pct(hit, f.lines.size)})</summary><table>${body}</table></details>`;
  });
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Coverage of the implementation under test</title>
<style>body{font:14px system-ui,sans-serif;margin:24px}table{border-collapse:collapse;font:12px ui-monospace,monospace}td{padding:0 6px;white-space:pre}td.n{text-align:right;color:#777}tr.hit{background:#e3f6e5}tr.miss{background:#fbe0de}summary{cursor:pointer;margin:4px 0}</style>
</head><body>
<h1>Coverage of the implementation under test</h1>
<p>${covered}/${total} lines (${pct(covered, total)}) in ${files.length} files, while the conformance suite ran.</p>
${sections.join('\n')}
</body></html>
`;
}
