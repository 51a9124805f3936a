import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

/**
 * Which engine a test hub or store uses: the `postgres` project sets SKILLPASS_TEST_ENGINE
 * and a throwaway cluster (test/setup/postgres-cluster.ts); each hub gets a database of its own.
 */
export const testEngine = (): 'sqlite' | 'postgres' =>
  process.env.SKILLPASS_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

export function postgresAvailable(): boolean {
  return testEngine() === 'postgres' && Boolean(inject('pgUrl'));
}

/** A fresh, empty PostgreSQL database; drop() removes it. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = inject('pgUrl');
  if (!admin) throw new Error('no PostgreSQL cluster for this test run');
  const name = `skillpass_${randomBytes(6).toString('hex')}`;
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
