import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/services/ports.js';
import { verifyChain } from '../../src/domain/audit-chain.js';
import { getBit } from '../../src/domain/bitstring.js';
import { createLegacyPair } from '../helpers/legacy-status.js';
import { openTestStore } from '../helpers/test-store.js';
import { testEngine } from '../helpers/test-database.js';

/**
 * The storage ports' contract, run on each engine (the sqlite and postgres test projects):
 * what services rely on when writers run concurrently.
 */
describe(`store contract (${testEngine()})`, () => {
  let store: Store;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ store, close } = await openTestStore());
  });
  afterEach(async () => {
    await close();
  });

  const spoke = {
    slug: 'kh-a',
    did: 'did:web:h:spokes:kh-a',
    name: 'A',
    country: 'KH',
    createdAt: '2026-01-01T00:00:00Z',
  };
  const at = '2026-01-01T00:00:00Z';

  it('reports its engine and answers a ping', async () => {
    expect(store.engine).toBe(testEngine());
    await store.ping();
  });

  it('a unit of work that throws leaves nothing behind', async () => {
    await expect(
      store.transaction(async (repos) => {
        await repos.spokes.insert(spoke);
        await repos.audit.append({ at, actor: 't', action: 'x', subject: 's', details: {} });
        await repos.meta.bumpRegistryVersion();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.repos.spokes.get('kh-a')).toBeUndefined();
    expect(await store.repos.audit.all()).toEqual([]);
    expect(await store.repos.meta.registryVersion()).toBe(0);
  });

  it('concurrent audit appends, inside and outside units of work, never fork the chain', async () => {
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        i % 2
          ? store.repos.audit.append({ at, actor: 'a', action: 'direct', subject: String(i), details: { i } })
          : store.transaction((repos) =>
              repos.audit.append({ at, actor: 'a', action: 'tx', subject: String(i), details: { i } }),
            ),
      ),
    );
    const entries = await store.repos.audit.all();
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(verifyChain(entries)).toEqual({ ok: true, length: 60 });
  });

  it('concurrent registry version bumps each get their own number', async () => {
    const versions = await Promise.all(
      Array.from({ length: 40 }, () => store.transaction((repos) => repos.meta.bumpRegistryVersion())),
    );
    expect(new Set(versions).size).toBe(40);
    expect(await store.repos.meta.registryVersion()).toBe(40);
  });

  it('concurrent bit changes on one list all land (no lost update), and versions are distinct', async () => {
    await store.transaction(async (repos) => {
      await repos.spokes.insert(spoke);
      await repos.statusLists.createLists('kh-a', 1, 131_072, at);
    });
    const indexes = Array.from({ length: 300 }, (_, i) => i * 401 + 7);
    const versions = await Promise.all(
      indexes.map((i) =>
        store.transaction((repos) => repos.statusLists.setBit('kh-a-1-revocation', i, true)),
      ),
    );
    expect(new Set(versions).size).toBe(indexes.length);
    const list = (await store.repos.statusLists.get('kh-a-1-revocation'))!;
    expect(list).toMatchObject({ purpose: 'revocation', size: 131_072 });
    expect(list.bits.length).toBe(131_072 / 8);
    expect(indexes.every((i) => getBit(list.bits, i))).toBe(true);
    expect([0, 1, 6, 8, 131_071].some((i) => getBit(list.bits, i))).toBe(false);
    // the single-bit read agrees with the whole list, bit for bit, at the byte edges too
    for (const i of [0, 6, 7, 8, 401 + 7, 131_071]) {
      expect(
        (await store.repos.statusLists.bits([{ id: 'kh-a-1-revocation', index: i }]))[0]?.set,
        `bit ${i}`,
      ).toBe(getBit(list.bits, i));
    }
    expect((await store.repos.statusLists.bits([{ id: 'kh-a-1-revocation', index: 7 }]))[0]).toEqual({
      set: true,
      purpose: 'revocation',
      spoke: 'kh-a',
      issuer: 'did:web:h:spokes:kh-a',
      version: versions.reduce((a, b) => Math.max(a, b)),
      size: 131_072,
    });
    expect((await store.repos.statusLists.bits([{ id: 'kh-a-1-revocation', index: 131_072 }]))[0]?.set).toBe(
      false,
    );
    expect(await store.repos.statusLists.bits([{ id: 'nope', index: 1 }])).toEqual([undefined]);
    // several bits in one read (a certificate's revocation bit and its companion suspension bit): in the order asked,
    // across lists, missing lists and indexes past the end as single reads answer them; more than one query takes (chunks) in order too
    await store.repos.statusLists.setBit('kh-a-1-suspension', 8, true);
    const asked = [
      { id: 'kh-a-1-revocation', index: 7 },
      { id: 'kh-a-1-suspension', index: 7 },
      { id: 'nope', index: 1 },
      { id: 'kh-a-1-suspension', index: 8 },
      { id: 'kh-a-1-revocation', index: 131_072 },
      { id: 'kh-a-1-revocation', index: 401 + 7 },
      { id: 'kh-a-1-revocation', index: 6 },
      { id: 'kh-a-1-suspension', index: 0 },
      { id: 'kh-a-1-revocation', index: 131_071 },
    ];
    const many = await store.repos.statusLists.bits(asked);
    expect(many).toHaveLength(asked.length);
    expect(many.map((b) => b?.set)).toEqual([true, false, undefined, true, false, true, false, false, false]);
    expect(many.map((b) => b?.purpose)).toEqual([
      'revocation',
      'suspension',
      undefined,
      'suspension',
      'revocation',
      'revocation',
      'revocation',
      'suspension',
      'revocation',
    ]);
    for (const [i, a] of asked.entries())
      expect(many[i], `${a.id} ${a.index}`).toEqual((await store.repos.statusLists.bits([a]))[0]);
    expect(await store.repos.statusLists.bits([])).toEqual([]);
    await store.repos.statusLists.setBit('kh-a-1-revocation', 7, false);
    expect(getBit((await store.repos.statusLists.get('kh-a-1-revocation'))!.bits, 7)).toBe(false);
    await expect(store.repos.statusLists.setBit('kh-a-1-revocation', 131_072, true)).rejects.toThrow();
  });

  it('a status index is handed out once; creating an existing list pair again is harmless; a pair written by earlier versions is read the same', async () => {
    await store.transaction(async (repos) => {
      await repos.spokes.insert(spoke);
      await repos.statusLists.createLists('kh-a', 1, 131_072, at);
    });
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.repos.statusLists.tryAllocate({
          spoke: 'kh-a',
          listNumber: 1,
          index: 42,
          certificateId: `c-${i}`,
        }),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.repos.statusLists.openList('kh-a')).toEqual({
      listNumber: 1,
      allocated: 1,
      size: 131_072,
    });
    // the pair's count follows every index handed out and given back
    await store.transaction(async (repos) => {
      for (const index of [1, 2, 3])
        await repos.statusLists.tryAllocate({
          spoke: 'kh-a',
          listNumber: 1,
          index,
          certificateId: `d-${index}`,
        });
    });
    expect((await store.repos.statusLists.openList('kh-a'))?.allocated).toBe(4);
    await store.transaction(async (repos) => {
      await repos.statusLists.release('d-2');
      await repos.statusLists.release('no-such-certificate');
    });
    expect((await store.repos.statusLists.openList('kh-a'))?.allocated).toBe(3);
    expect(await store.repos.statusLists.allocationFor('d-2')).toBeUndefined();
    await store.repos.statusLists.createLists('kh-a', 1, 131_072, at);
    expect(await store.repos.statusLists.listIds('kh-a', 1)).toEqual({
      revocation: 'kh-a-1-revocation',
      suspension: 'kh-a-1-suspension',
    });
    expect(await store.repos.statusLists.get('kh-a-1-suspension')).toMatchObject({
      purpose: 'suspension',
      size: 131_072,
      listNumber: 1,
      version: 1,
    });
    // a pair as the code that gave certificates two entries wrote it: read as a pair, counted on its revocation row, the open list once newest
    await createLegacyPair(store, 'kh-a', 2, 16, at);
    await store.transaction(async (repos) => {
      await repos.statusLists.tryAllocate({ spoke: 'kh-a', listNumber: 2, index: 5, certificateId: 'old-1' });
    });
    expect(await store.repos.statusLists.listIds('kh-a', 2)).toEqual({
      revocation: 'kh-a-2-revocation',
      suspension: 'kh-a-2-suspension',
    });
    expect(await store.repos.statusLists.openList('kh-a')).toEqual({ listNumber: 2, allocated: 1, size: 16 });
    expect(await store.repos.statusLists.openList('kh-b')).toBeUndefined();
    expect(await store.repos.statusLists.listIds('kh-a', 3)).toBeUndefined();
    await store.transaction(async (repos) => {
      await repos.statusLists.release('old-1');
    });
    expect(await store.repos.statusLists.allocationFor('old-1')).toBeUndefined();
    expect((await store.repos.statusLists.openList('kh-a'))?.allocated).toBe(0);
  });

  it('putIfAbsent lets exactly one concurrent writer win', async () => {
    const wins = await Promise.all(
      Array.from({ length: 10 }, (_, i) => store.repos.secrets.putIfAbsent('hub-key', `v${i}`)),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await store.repos.secrets.get('hub-key')).toMatch(/^v\d$/);
  });

  const storedKey = (n: number, validFrom: string) => ({
    id: `${spoke.did}#key-${n}`,
    spoke: 'kh-a',
    publicKeyMultibase: `z${n}`,
    validFrom,
    validUntil: null,
    compromisedFrom: null,
    encryptedSecret: 'sealed',
  });

  it("lists a centre's keys in the order they were made, whatever their validFrom text (milliseconds, ties)", async () => {
    await store.repos.spokes.insert(spoke);
    // as text "10:00:00.700Z" sorts before "10:00:00Z", and key-10 before key-2
    const froms = [
      '2026-01-01T10:00:00Z',
      '2026-01-01T10:00:00.700Z',
      '2026-01-01T10:00:00.700Z',
      ...Array.from({ length: 8 }, () => '2026-01-01T10:00:01Z'),
    ];
    for (const [i, from] of froms.entries())
      await store.transaction(async (repos) => {
        await repos.spokes.insertKey(storedKey(i + 1, from));
      });
    expect((await store.repos.spokes.keys('kh-a')).map((k) => k.id.split('#')[1])).toEqual(
      froms.map((_, i) => `key-${i + 1}`),
    );
    // the newest of the keys neither rotated out nor compromised signs
    expect((await store.repos.spokes.activeSigningKey('kh-a'))?.id).toBe(`${spoke.did}#key-11`);
  });

  it('a key change waits for the units of work storing certificates with the keys, and they wait for a key change', async () => {
    await store.repos.spokes.insert(spoke);
    const order: string[] = [];
    const gate = () => {
      let open!: () => void;
      const p = new Promise<void>((r) => {
        open = r;
      });
      return { p, open };
    };
    const rest = () => new Promise((r) => setTimeout(r, 200)); // room for the other unit of work to reach its lock (if it did not, the order holds anyway)
    const run = async (first: 'share' | 'update', second: 'share' | 'update') => {
      order.length = 0;
      const held = gate();
      const locked = gate();
      const a = store.transaction(async (repos) => {
        await repos.spokes.lockKeys('kh-a', first);
        locked.open();
        await held.p;
        order.push(`${first} done`);
      });
      await locked.p;
      const b = store.transaction(async (repos) => {
        await repos.spokes.lockKeys('kh-a', second);
        order.push(`${second} locked`);
      });
      await rest();
      held.open();
      await Promise.all([a, b]);
      return [...order];
    };
    expect(await run('share', 'update')).toEqual(['share done', 'update locked']);
    expect(await run('update', 'share')).toEqual(['update done', 'share locked']);
  });

  it('accreditation events number themselves under concurrent appends', async () => {
    await store.transaction(async (repos) => {
      await repos.spokes.insert(spoke);
      await repos.spokes.insertAccreditation({
        id: 'acc-1',
        spoke: 'kh-a',
        qualifications: ['Q'],
        validFrom: '2026-01-01',
        validUntil: '2027-01-01',
        createdAt: at,
      });
    });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        store.repos.spokes.appendAccreditationEvent('acc-1', {
          kind: i % 2 ? 'reinstated' : 'suspended',
          effectiveFrom: `2026-02-${String(i + 10)}`,
          reason: String(i),
          recordedAt: at,
        }),
      ),
    );
    const [acc] = await store.repos.spokes.accreditations('kh-a');
    expect(acc!.events).toHaveLength(10);
  });
});
