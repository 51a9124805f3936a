import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/domain/audit-chain.js';
import { tempStore, type SqliteStore } from './temp-store.js';

let t: ReturnType<typeof tempStore>;
let store: SqliteStore;
beforeEach(() => {
  t = tempStore();
  store = t.open();
});
afterEach(async () => {
  await t.cleanup();
});

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));
const content = (i: number) => ({
  at: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
  actor: `actor-${i}`,
  action: 'test.append',
  subject: `s${i}`,
  details: { i },
});

async function appendMany(n: number) {
  for (let i = 1; i <= n; i++) await store.repos.audit.append(content(i));
}

describe('SQLite audit log', () => {
  it('50 concurrent transactional appends yield seq 1..50 and a chain that verifies', async () => {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store.transaction(async (repos) => {
          await tick(); // give other units of work the chance to interleave, if they could
          return repos.audit.append(content(i + 1));
        }),
      ),
    );
    const all = await store.repos.audit.all();
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(verifyChain(all)).toEqual({ ok: true, length: 50 });
  });

  it('the persisted chain still verifies after the file is closed and reopened', async () => {
    await appendMany(5);
    await store.close();
    const reopened = t.open();
    expect(verifyChain(await reopened.repos.audit.all())).toEqual({ ok: true, length: 5 });
  });

  it('detects a past row edited with raw SQL, at that row', async () => {
    await appendMany(4);
    store.db.prepare('UPDATE audit_log SET details = ? WHERE seq = 2').run(JSON.stringify({ i: 999 }));
    expect(verifyChain(await store.repos.audit.all())).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('detects a middle row deleted with raw SQL, at the row after it', async () => {
    await appendMany(4);
    store.db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    expect(verifyChain(await store.repos.audit.all())).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('continues the chain from the last stored entry after a reopen', async () => {
    await appendMany(2);
    await store.close();
    const reopened = t.open();
    const third = await reopened.repos.audit.append(content(3));
    const all = await reopened.repos.audit.all();
    expect(third.seq).toBe(3);
    expect(third.prevHash).toBe(all[1]!.hash);
  });

  // BUG (src/adapters/sqlite/sqlite-store.ts, appendAudit): the hash is computed over the
  // in-memory details, but the row stores JSON.stringify(details). Any value that JSON does
  // not round-trip (a Date, an undefined array slot, an object with toJSON) is hashed one
  // way and read back another, so an honest append makes verifyChain report the chain broken.
  // stableJson(new Date(...)) is "{}" while the stored and re-read value is an ISO string.
  it('an honest append whose details hold a Date still verifies when read back', async () => {
    await store.repos.audit.append({ ...content(1), details: { when: new Date('2026-01-01T00:00:00Z') } });
    expect(verifyChain(await store.repos.audit.all())).toEqual({ ok: true, length: 1 });
  });
});
