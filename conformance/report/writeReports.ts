import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConformanceRun } from './ConformanceRun.js';
import { renderHtml } from './renderHtml.js';
import { renderJson } from './renderJson.js';
import { renderJunit } from './renderJunit.js';
import { renderMarkdown } from './renderMarkdown.js';

/** The report formats and the file each writes. @public */
export const reporters = {
  json: { file: 'conformance.json', render: renderJson },
  junit: { file: 'junit.xml', render: renderJunit },
  markdown: { file: 'conformance.md', render: renderMarkdown },
  html: { file: 'conformance.html', render: renderHtml },
} as const satisfies Record<string, { file: string; render: (run: ConformanceRun) => string }>;

/** A report format. @public */
export type ReporterName = keyof typeof reporters;

/** Whether a word names a report format. @public */
export function isReporterName(word: string): word is ReporterName {
  return Object.hasOwn(reporters, word);
}

/** Writes the chosen reports of one run into `outDir` (created if needed); returns the paths written. @public */
export async function writeReports(run: ConformanceRun, outDir: string, chosen: readonly ReporterName[] = Object.keys(reporters) as ReporterName[]): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const name of chosen) {
    const { file, render } = reporters[name];
    const path = join(outDir, file);
    await writeFile(path, render(run), 'utf8');
    written.push(path);
  }
  return written;
}
