import type { TestProject } from 'vitest/node';
import { findPostgresBinDir, startPostgresCluster } from '../../scripts/postgres-cluster.js';

/**
 * Global setup of the `postgres` test project: a throwaway PostgreSQL cluster
 * (scripts/postgres-cluster.ts), removed afterwards. Without PostgreSQL binaries the project
 * is not configured at all (vitest.config.ts, postgresProjectRuns: skipped with a loud notice),
 * unless CI or SKILLPASS_REQUIRE_POSTGRES asks for it: then a missing PostgreSQL is an error here.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.SKILLPASS_TEST_PG_URL) {
    project.provide('pgUrl', process.env.SKILLPASS_TEST_PG_URL);
    return async () => undefined;
  }
  const bin = findPostgresBinDir();
  if (!bin)
    throw new Error(
      'PostgreSQL is required for the postgres test project (CI or SKILLPASS_REQUIRE_POSTGRES is set): apt-get install postgresql',
    );
  const cluster = await startPostgresCluster(bin);
  project.provide('pgUrl', cluster.url);
  return () => cluster.stop();
}
