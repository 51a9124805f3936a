import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Spoke } from '../../src/domain/types.js';
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

const spoke = (slug: string): Spoke => ({
  slug,
  did: `did:web:hub.example:spokes:${slug}`,
  name: slug,
  country: 'KH',
  createdAt: '2025-01-01T00:00:00Z',
});
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

describe('SqliteStore.transaction', () => {
  it('commits everything the unit of work wrote and returns its result', async () => {
    const result = await store.transaction(async (repos) => {
      await repos.spokes.insert(spoke('a'));
      await repos.audit.append({
        at: '2026-01-01T00:00:00Z',
        actor: 't',
        action: 'spoke.created',
        subject: 'a',
        details: {},
      });
      return 'done';
    });
    expect(result).toBe('done');
    expect(await store.repos.spokes.get('a')).toBeDefined();
    expect(await store.repos.audit.all()).toHaveLength(1);
  });

  it('rolls back every write when the unit of work throws, and rethrows the error', async () => {
    const boom = new Error('boom');
    await expect(
      store.transaction(async (repos) => {
        await repos.spokes.insert(spoke('a'));
        await repos.secrets.put('s', 'v');
        await repos.audit.append({
          at: '2026-01-01T00:00:00Z',
          actor: 't',
          action: 'spoke.created',
          subject: 'a',
          details: {},
        });
        await tick();
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await store.repos.spokes.list()).toEqual([]);
    expect(await store.repos.secrets.get('s')).toBeUndefined();
    expect(await store.repos.audit.all()).toEqual([]);
    expect(store.db.inTransaction).toBe(false);
  });

  it('rolls back the earlier writes when a later SQL statement fails', async () => {
    await expect(
      store.transaction(async (repos) => {
        await repos.spokes.insert(spoke('a'));
        await repos.spokes.insert(spoke('a')); // duplicate primary key
      }),
    ).rejects.toThrow(/UNIQUE|PRIMARY KEY/);
    expect(await store.repos.spokes.list()).toEqual([]);
  });

  it('keeps working after a failed unit of work', async () => {
    await store
      .transaction(async () => {
        throw new Error('first fails');
      })
      .catch(() => undefined);
    await store.transaction(async (repos) => repos.spokes.insert(spoke('b')));
    expect((await store.repos.spokes.list()).map((s) => s.slug)).toEqual(['b']);
  });

  it('runs concurrent units of work one at a time, in the order they were started', async () => {
    const events: string[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        store.transaction(async (repos) => {
          events.push(`start ${i}`);
          await tick();
          await repos.secrets.put(`k${i}`, String(i));
          await tick();
          events.push(`end ${i}`);
        }),
      ),
    );
    expect(events).toEqual(Array.from({ length: 10 }, (_, i) => [`start ${i}`, `end ${i}`]).flat());
  });

  it("gives each of several concurrent read-modify-write units the previous one's value (no lost updates)", async () => {
    await store.repos.secrets.put('counter', '0');
    await Promise.all(
      Array.from({ length: 25 }, () =>
        store.transaction(async (repos) => {
          const n = Number(await repos.secrets.get('counter'));
          await tick();
          await repos.secrets.put('counter', String(n + 1));
        }),
      ),
    );
    expect(await store.repos.secrets.get('counter')).toBe('25');
  });
});
