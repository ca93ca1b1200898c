import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('Dispatcher', () => {
  it('an exception escaping an actor turn surfaces, and the other actors still run to idle', async () => {
    const script = join(import.meta.dirname, '..', '_processes', 'throwingRunnable.ts');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script], { timeout: 60_000 });
    expect(JSON.parse(stdout)).toEqual({ caught: ['runtime bug'], ran: ['next actor'] });
  });
});
