import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConformanceRun } from './ConformanceRun.js';
import { renderHtml } from './renderHtml.js';
import { boundedRun } from './reportSchema.js';
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

/** Reports that could not be written (the folder vanished, the disk filled): one line, not a stack trace. @public */
export class ReportWriteError extends Error {
  readonly code = 'REPORT_WRITE';
  constructor(path: string, cause: unknown) {
    super(`cannot write ${path} (${(cause as NodeJS.ErrnoException | undefined)?.code ?? String(cause)})`);
    this.name = 'ReportWriteError';
  }
}

/**
 * Writes the chosen reports of one run into `outDir` (created if needed); returns the paths
 * written. Every adapter-supplied string is first cut to the size the report schema allows
 * (`boundedRun`). Throws {@link ReportWriteError}. @public
 */
export async function writeReports(run: ConformanceRun, outDir: string, chosen: readonly ReporterName[] = Object.keys(reporters) as ReporterName[]): Promise<string[]> {
  const bounded = boundedRun(run);
  await mkdir(outDir, { recursive: true }).catch((error: unknown) => {
    throw new ReportWriteError(outDir, error);
  });
  const written: string[] = [];
  for (const name of chosen) {
    const { file, render } = reporters[name];
    const path = join(outDir, file);
    await writeFile(path, render(bounded), 'utf8').catch((error: unknown) => {
      throw new ReportWriteError(path, error);
    });
    written.push(path);
  }
  return written;
}
