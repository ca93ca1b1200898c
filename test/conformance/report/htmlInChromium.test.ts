import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../../conformance/report/renderHtml.js';
import { sampleRun } from './_sampleRun.js';

/** Debian's chromium (CI installs it); playwright downloads no browser. */
const executablePath = execFileSync('sh', ['-c', 'command -v chromium || echo /usr/bin/chromium'], { encoding: 'utf8' }).trim();
const flags = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let browser: Browser;
let dir: string;
let url: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conformance-html-'));
  const file = join(dir, 'conformance.html');
  await writeFile(file, renderHtml(sampleRun()), 'utf8');
  url = pathToFileURL(file).href;
  browser = await chromium.launch({ executablePath, args: flags });
});

afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the HTML report in a real headless Chromium', () => {
  it('renders the matrix and every rule, opens a failure to its timeline, and runs nothing from the adapter', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(url);
    const run = sampleRun();

    expect(await page.title()).toContain('Conformance of evil <script>');
    expect(await page.locator('table.matrix tr').count()).toBe(2);
    expect(await page.locator('details.rule').count()).toBe(run.rules.length);
    expect(await page.locator('.grid a.s-failed').count()).toBe(run.totals.failed);

    const failed = run.rules.find((r) => r.status === 'failed')!;
    const details = page.locator(`#rule-${failed.id}`);
    expect(await details.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(false);
    await details.locator('summary').click();
    expect(await details.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(true);
    const timeline = details.locator('table.timeline');
    expect(await timeline.isVisible()).toBe(true);
    // Lines that name no actor go to the lane "?", shown as text like everything else.
    expect(await timeline.locator('th').allTextContents()).toEqual(['operation', 'a0', '?']);
    expect(await timeline.locator('.ev').allTextContents()).toEqual(['setup #1', 'PostStop', 'setup #2', expect.stringContaining('<script>window.__pwned = 1</script>')]);
    expect(await details.locator('pre.message').textContent()).toContain('<script>window.__pwned = 1</script>');

    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('script, img, iframe, object').count()).toBe(0);
    expect(requests).toEqual([url]);
    await page.close();
  });
});
