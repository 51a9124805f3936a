import type { TestProject } from 'vitest/node';
import { findPostgresBinDir, startPostgresCluster } from '../../scripts/postgres-cluster.js';

/**
 * Global setup of the `postgres` test project: a throwaway PostgreSQL cluster
 * (scripts/postgres-cluster.ts), removed afterwards. Without PostgreSQL binaries the
 * project's tests are skipped with a loud notice, unless CI or SKILLPASS_REQUIRE_POSTGRES
 * is set, where that is an error.
 */
declare module 'vitest' {
  export interface ProvidedContext { pgUrl: string | null }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.SKILLPASS_TEST_PG_URL) {
    project.provide('pgUrl', process.env.SKILLPASS_TEST_PG_URL);
    return async () => undefined;
  }
  const bin = findPostgresBinDir();
  if (!bin) {
    if (process.env.CI || process.env.SKILLPASS_REQUIRE_POSTGRES) throw new Error('PostgreSQL is required for the postgres test project: apt-get install postgresql');
    console.warn('\n!!! PostgreSQL binaries not found (Debian package postgresql): the postgres test project is SKIPPED.\n');
    project.provide('pgUrl', null);
    return async () => undefined;
  }
  const cluster = await startPostgresCluster(bin);
  project.provide('pgUrl', cluster.url);
  return () => cluster.stop();
}
