import { defineConfig } from 'vitest/config';
import { findPostgresBinDir, postgresProjectRuns } from './scripts/postgres-cluster.js';

/**
 * Two projects from one set of tests: everything on SQLite, and the storage contract,
 * HTTP and replica tests again on PostgreSQL (a throwaway cluster, test/setup/postgres-cluster.ts).
 * Without PostgreSQL binaries (outside CI) the postgres project is left out, loudly.
 */
const postgres = postgresProjectRuns(process.env, findPostgresBinDir());
if (!postgres) {
  console.warn(
    '\n!!! PostgreSQL binaries not found (Debian package postgresql): the postgres test project is SKIPPED; ' +
      'only the SQLite project runs. CI (or SKILLPASS_REQUIRE_POSTGRES=1) makes this an error.\n',
  );
}

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000, // servers started as processes compile with tsx first: slow on a loaded machine
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'sqlite', include: ['test/**/*.test.ts'], exclude: ['test/e2e/replicas*.test.ts'] },
      },
      ...(postgres
        ? [
            {
              extends: true,
              test: {
                name: 'postgres',
                include: [
                  'test/http/**/*.test.ts',
                  'test/adapters/store-contract*.test.ts',
                  'test/e2e/replicas*.test.ts',
                  'test/e2e/concurrent-revocations.test.ts',
                ],
                env: { SKILLPASS_TEST_ENGINE: 'postgres' },
                globalSetup: ['test/setup/postgres-cluster.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
