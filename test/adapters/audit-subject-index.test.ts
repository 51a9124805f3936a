import { afterAll, describe, expect, it } from 'vitest';
import { tempStore } from './temp-store.js';

/** The audit entries about one subject (a revoked certificate's page reads them) come from an index, not a scan of the log. */
describe('audit log by subject', () => {
  const temp = tempStore();
  afterAll(() => temp.cleanup());

  it('reads one subject through the audit_log_subject index, in order', async () => {
    const store = temp.open();
    for (let i = 0; i < 3; i++)
      await store.repos.audit.append({
        at: `2026-11-2${i}T00:00:00Z`,
        actor: 't',
        action: 'certificate.revoked',
        subject: `s-${i % 2}`,
        details: {},
      });
    expect((await store.repos.audit.forSubject('s-0')).map((e) => e.at)).toEqual([
      '2026-11-20T00:00:00Z',
      '2026-11-22T00:00:00Z',
    ]);
    const plan = store.db
      .prepare('EXPLAIN QUERY PLAN SELECT * FROM audit_log WHERE subject = ? ORDER BY seq')
      .all('s-0') as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING INDEX audit_log_subject/);
  });
});
