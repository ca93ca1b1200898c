import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium (CI installs it); playwright downloads no browser. */
const executablePath = execFileSync('sh', ['-c', 'command -v chromium || echo /usr/bin/chromium'], { encoding: 'utf8' }).trim();
const flags = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A headless Chromium that reaches for nothing on its own, for looking at report pages. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath, args: flags });
}
