import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config.js';
import { openHub } from '../../src/wiring.js';
import { seedDemo } from '../../src/services/registry/seed-demo.js';
import { issueCertificate } from '../../src/services/issuance/issue-certificate.js';
import { changeStatus } from '../../src/services/issuance/status-lists.js';
import { verifyWithHub } from '../../src/services/verification/verification-service.js';
import { verifyChain } from '../../src/domain/audit-chain.js';
import { runCli } from '../helpers/server-process.js';
import { freshPostgresDatabase, postgresAvailable } from '../helpers/test-database.js';

/** An existing SQLite hub moved to PostgreSQL with the CLI: everything comes along, once. */
describe.skipIf(!postgresAvailable())('skillpass migrate-to-postgres', () => {
  const dir = mkdtempSync(join(tmpdir(), 'skillpass-migrate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies every table, verifies counts and the audit chain, and refuses to run twice', async () => {
    const operatorKey = randomBytes(32);
    const env = { SKILLPASS_DATA_DIR: dir, PORT: '3998' };
    const sqliteHub = await openHub({ config: loadConfig(env), operatorKey, warn: () => undefined });
    const { tokens } = await seedDemo(sqliteHub);
    const centre = (await sqliteHub.store.repos.tokens.findByHash(
      (await import('../../src/services/access/tokens.js')).hashToken(tokens['centre kh-ntti']!),
    ))!;
    const actor = { tokenId: centre.id, role: centre.role, spoke: centre.spoke };
    const kept = await issueCertificate(sqliteHub, actor, {
      qualification: 'TH-BRICK-1',
      holder: { name: 'Sok Dara', birthDate: '1995-04-12' },
      assessment: { date: '2026-11-18', language: 'km', result: 'competent' },
    });
    const revoked = await issueCertificate(sqliteHub, actor, {
      qualification: 'TH-BRICK-1',
      holder: { name: 'Chan', birthDate: '1990-01-01' },
      assessment: { date: '2026-11-18', language: 'km', result: 'competent' },
    });
    await changeStatus(sqliteHub, actor, { credentialId: revoked.id, purpose: 'revocation', status: true });
    const auditBefore = (await sqliteHub.store.repos.audit.all()).length;
    await sqliteHub.store.close();

    const db = await freshPostgresDatabase();
    try {
      const first = await runCli(['migrate-to-postgres', db.url], env);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/certificates\s+2 rows/);
      expect(first.stdout).toContain(`audit chain intact (${auditBefore} entries)`);

      const pgHub = await openHub({
        config: loadConfig({ ...env, SKILLPASS_DATABASE_URL: db.url }),
        operatorKey,
        warn: () => undefined,
      });
      expect(pgHub.store.engine).toBe('postgres');
      const { loadCertificate } = await import('../../src/services/verification/verification-service.js');
      expect((await verifyWithHub(pgHub, await loadCertificate(pgHub, kept.id))).outcome).toBe('valid');
      const r = await verifyWithHub(pgHub, await loadCertificate(pgHub, revoked.id));
      expect(r.checks.find((c) => c.id === 'status')).toMatchObject({ outcome: 'invalid', code: 'revoked' });
      expect(verifyChain(await pgHub.store.repos.audit.all())).toEqual({ ok: true, length: auditBefore });
      // the copied hub keeps working: a new issuance continues the chain and the registry version
      const after = await issueCertificate(pgHub, actor, {
        qualification: 'TH-BRICK-1',
        holder: { name: 'New', birthDate: '1999-09-09' },
        assessment: { date: '2026-11-18', language: 'km', result: 'competent' },
      });
      expect((await verifyWithHub(pgHub, await loadCertificate(pgHub, after.id))).outcome).toBe('valid');
      expect(verifyChain(await pgHub.store.repos.audit.all()).ok).toBe(true);
      await pgHub.store.close();

      const second = await runCli(['migrate-to-postgres', db.url], env);
      expect(second.code).toBe(2);
      expect(second.stderr).toContain('not empty');
    } finally {
      await db.drop();
    }
  }, 120_000);
});
