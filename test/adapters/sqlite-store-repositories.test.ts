import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  Accreditation,
  AccreditationEvent,
  CertificateRecord,
  Framework,
  Qualification,
  Spoke,
} from '../../src/domain/types.js';
import type { StoredSpokeKey, TokenRecord } from '../../src/services/ports.js';
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

const spoke: Spoke = {
  slug: 'kh-ntti',
  did: 'did:web:hub.example:spokes:kh-ntti',
  name: 'Demo NTTI',
  country: 'KH',
  createdAt: '2025-01-01T00:00:00Z',
};
const storedKey = (n: number, overrides: Partial<StoredSpokeKey> = {}): StoredSpokeKey => ({
  id: `${spoke.did}#key-${n}`,
  spoke: spoke.slug,
  publicKeyMultibase: `z6MkKey${n}`,
  validFrom: `2025-0${n}-01T00:00:00Z`,
  validUntil: null,
  compromisedFrom: null,
  encryptedSecret: `v1.iv${n}.tag${n}.ct${n}`,
  ...overrides,
});

const acc: Accreditation = {
  id: 'acc-1',
  spoke: spoke.slug,
  qualifications: ['TH-BRICK-1', 'KH-SEW-2'],
  validFrom: '2025-01-01',
  validUntil: '2028-12-31',
  createdAt: '2025-01-01T00:00:00Z',
};

describe('SQLite repositories round-trip', () => {
  it('frameworks: put, get and list return the framework as stored, and put replaces it', async () => {
    const fw: Framework = {
      id: 'ID-KKNI',
      name: { en: 'KKNI', id: 'Kerangka' },
      country: 'ID',
      levelCount: 9,
      referencing: [
        { effectiveFrom: '2020-01-01', status: 'referenced', levels: { 8: 7, 9: 8 }, source: 'x' },
      ],
    };
    await store.repos.frameworks.put(fw);
    expect(await store.repos.frameworks.get('ID-KKNI')).toEqual(fw);
    await store.repos.frameworks.put({ ...fw, levelCount: 10 });
    expect(await store.repos.frameworks.list()).toEqual([{ ...fw, levelCount: 10 }]);
    expect(await store.repos.frameworks.get('nope')).toBeUndefined();
  });

  it('AQRF levels are listed in level order', async () => {
    for (const level of [3, 1, 2])
      await store.repos.frameworks.putAqrfLevel({
        level,
        knowledgeAndSkills: { en: `k${level}` },
        applicationAndResponsibility: { en: `a${level}` },
      });
    expect((await store.repos.frameworks.listAqrfLevels()).map((l) => l.level)).toEqual([1, 2, 3]);
  });

  it('qualifications: insert then get returns the same object; a duplicate code is refused', async () => {
    const q: Qualification = {
      code: 'TH-BRICK-1',
      title: { en: 'Bricklaying', th: 'ช่างก่ออิฐ' },
      country: 'TH',
      framework: 'TH-TPQF',
      level: 1,
      isco08: '7112',
      validityYears: 5,
      createdAt: '2025-01-01T00:00:00Z',
    };
    await store.repos.qualifications.insert(q);
    expect(await store.repos.qualifications.get('TH-BRICK-1')).toEqual(q);
    await expect(store.repos.qualifications.insert(q)).rejects.toThrow(/UNIQUE|PRIMARY KEY/);
  });

  it('spokes: insert then get by slug and by DID', async () => {
    await store.repos.spokes.insert(spoke);
    expect(await store.repos.spokes.get('kh-ntti')).toEqual(spoke);
    expect(await store.repos.spokes.getByDid(spoke.did)).toEqual(spoke);
    expect(await store.repos.spokes.getByDid('did:web:other.example')).toBeUndefined();
  });

  it('spoke keys: keys() and key() never return the encrypted secret', async () => {
    await store.repos.spokes.insert(spoke);
    await store.repos.spokes.insertKey(storedKey(1));
    const { encryptedSecret: _, ...publicPart } = storedKey(1);
    expect(await store.repos.spokes.keys(spoke.slug)).toEqual([publicPart]);
    expect(await store.repos.spokes.key(publicPart.id)).toEqual(publicPart);
  });

  it('spoke keys: activeSigningKey is the newest key not rotated out or compromised, with its secret', async () => {
    await store.repos.spokes.insert(spoke);
    await store.repos.spokes.insertKey(storedKey(1, { validUntil: '2025-02-01T00:00:00Z' }));
    await store.repos.spokes.insertKey(storedKey(2));
    await store.repos.spokes.insertKey(storedKey(3, { compromisedFrom: '2025-03-02T00:00:00Z' }));
    expect(await store.repos.spokes.activeSigningKey(spoke.slug)).toEqual(storedKey(2));
  });

  it('accreditations: the qualification list and dates round-trip, with an empty history', async () => {
    await store.repos.spokes.insert(spoke);
    await store.repos.spokes.insertAccreditation(acc);
    expect(await store.repos.spokes.accreditations(spoke.slug)).toEqual([{ ...acc, events: [] }]);
  });

  it('accreditation events come back with their accreditation, oldest first', async () => {
    await store.repos.spokes.insert(spoke);
    await store.repos.spokes.insertAccreditation(acc);
    const suspended: AccreditationEvent = {
      kind: 'suspended',
      effectiveFrom: '2026-03-01',
      reason: 'audit',
      recordedAt: '2026-02-20T00:00:00Z',
    };
    const amended: AccreditationEvent = {
      kind: 'amended',
      effectiveFrom: '2026-01-01',
      add: ['TH-WIRING-1'],
      remove: ['KH-SEW-2'],
      reason: 'scope',
      recordedAt: '2026-02-21T00:00:00Z',
    };
    await store.repos.spokes.appendAccreditationEvent(acc.id, suspended);
    await store.repos.spokes.appendAccreditationEvent(acc.id, amended);
    expect((await store.repos.spokes.accreditations(spoke.slug))[0]!.events).toEqual([suspended, amended]);
  });

  it('spoke keys: updateKey records rotation and compromise', async () => {
    await store.repos.spokes.insert(spoke);
    await store.repos.spokes.insertKey(storedKey(1));
    await store.repos.spokes.updateKey(storedKey(1).id, { validUntil: '2026-01-01T00:00:00Z' });
    await store.repos.spokes.updateKey(storedKey(1).id, { compromisedFrom: '2025-12-01T00:00:00Z' });
    expect(await store.repos.spokes.key(storedKey(1).id)).toMatchObject({
      validUntil: '2026-01-01T00:00:00Z',
      compromisedFrom: '2025-12-01T00:00:00Z',
    });
    expect(await store.repos.spokes.activeSigningKey(spoke.slug)).toBeUndefined();
  });

  it('tokens: found by hash with nullable fields kept as null, and deleted by label', async () => {
    const tok: TokenRecord = {
      id: 'tok-1',
      hash: 'h'.repeat(64),
      role: 'admin',
      spoke: null,
      label: 'admin:test',
      createdAt: '2025-01-01T00:00:00Z',
      expiresAt: null,
      revokedAt: null,
    };
    await store.repos.tokens.insert(tok);
    expect(await store.repos.tokens.findByHash(tok.hash)).toEqual(tok);
    await store.repos.tokens.deleteByLabel('admin:test');
    expect(await store.repos.tokens.findByHash(tok.hash)).toBeUndefined();
  });

  it('certificates: the serialized credential comes back byte for byte, and count counts', async () => {
    await store.repos.spokes.insert(spoke);
    const c: CertificateRecord = {
      id: 'urn:uuid:1',
      spoke: spoke.slug,
      qualification: 'TH-BRICK-1',
      format: 'di',
      serialized: JSON.stringify({ name: 'Sok Dara ស', n: 1.5 }),
      issuedAt: '2026-11-20T10:00:00Z',
      validUntil: '2031-11-20T23:59:59Z',
    };
    await store.repos.certificates.insert(c);
    expect(await store.repos.certificates.get('urn:uuid:1')).toEqual(c);
    expect(await store.repos.certificates.count()).toBe(1);
  });

  it('secrets: put overwrites and get returns undefined for an unknown name', async () => {
    await store.repos.secrets.put('hub-key', 'one');
    await store.repos.secrets.put('hub-key', 'two');
    expect(await store.repos.secrets.get('hub-key')).toBe('two');
    expect(await store.repos.secrets.get('missing')).toBeUndefined();
  });

  it('audit: appended entries come back in order with their details parsed', async () => {
    const e1 = await store.repos.audit.append({
      at: '2026-01-01T00:00:00Z',
      actor: 'a',
      action: 'x.one',
      subject: 's',
      details: { n: 1, list: ['a'] },
    });
    const e2 = await store.repos.audit.append({
      at: '2026-01-02T00:00:00Z',
      actor: 'a',
      action: 'x.two',
      subject: 's',
      details: { nested: { ok: true } },
    });
    expect(await store.repos.audit.all()).toEqual([e1, e2]);
  });
});
