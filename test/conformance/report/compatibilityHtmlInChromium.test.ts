import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compatibilityMatrix } from '../../../conformance/report/CompatibilityMatrix.js';
import { renderCompatibilityHtml } from '../../../conformance/report/renderCompatibilityHtml.js';
import { renderHtml } from '../../../conformance/report/renderHtml.js';
import { launchChromium } from './_chromium.js';
import { sampleRun } from './_sampleRun.js';

let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'compatibility-html-'));
  // Laid out as `compare` writes it: the matrix, and each implementation's report in its folder.
  const evil = sampleRun();
  await mkdir(join(dir, 'evil'));
  await writeFile(join(dir, 'evil', 'conformance.html'), renderHtml(evil), 'utf8');
  const matrix = compatibilityMatrix([{ run: evil, thirdParty: true, htmlReport: 'evil/conformance.html' }], {
    notes: { [evil.adapter.name]: { 'LIF-02': { verdict: 'bug', sentence: 'It loses the second message.' } } },
  });
  await writeFile(join(dir, 'compatibility.html'), renderCompatibilityHtml(matrix), 'utf8');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the compatibility matrix in a real headless Chromium', () => {
  it('shows every rule, reasons on hover, runs nothing from the adapter, and a failed cell opens the counterexample in the implementation\'s report', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const url = pathToFileURL(join(dir, 'compatibility.html')).href;
    await page.goto(url);
    const run = sampleRun();

    expect(await page.locator('table.matrix tr[id^="rule-"]').count()).toBe(run.rules.length);
    expect(await page.locator('table.summary tr').count()).toBe(2);
    const skipped = run.rules.find((r) => r.status === 'skipped')!;
    expect(await page.locator(`#rule-${skipped.id} abbr`).getAttribute('title')).toBe(skipped.reason);
    expect(await page.locator('.verdict.v-bug').getAttribute('title')).toBe('It loses the second message.');
    expect(await page.locator('.failure pre.steps').first().textContent()).toContain('<script>window.__pwned = 1</script>');
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('script, img, iframe, object').count()).toBe(0);

    await page.locator('#rule-LIF-02 a.counterexample').click();
    await page.waitForURL(/evil\/conformance\.html#rule-LIF-02$/);
    const target = page.locator('#rule-LIF-02');
    expect(await target.getAttribute('data-broken')).toBe('true');
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(requests.every((r) => r.startsWith('file://'))).toBe(true);
    await page.close();
  });
});
