import { describe, it } from 'vitest';
import { postgresUnavailable } from '../../conformance/adapters/_internals/postgresRun.js';

/** Why the PostgreSQL tests cannot run here, or `undefined` when a server answers at PGHOST. */
export const postgresProblem = await postgresUnavailable();

/**
 * `describe` for tests that need a PostgreSQL server (from the PG* variables). Without one they
 * are skipped, the reason in their name; under CI (`CI` set) a missing server fails instead,
 * because CI always starts one (`scripts/postgres.sh start` in `.ci/run`).
 */
export function describeWithPostgres(name: string, body: () => void): void {
  if (postgresProblem === undefined) {
    describe(name, body);
  } else if (process.env.CI) {
    describe(name, () => {
      it('has a PostgreSQL server to run against (CI always starts one)', () => {
        throw new Error(`CI is set but ${postgresProblem}`);
      });
    });
  } else {
    console.warn(`${name}: skipped, ${postgresProblem}`);
    describe.skip(`${name} [skipped: ${postgresProblem}]`, body);
  }
}
