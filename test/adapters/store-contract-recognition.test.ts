import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredAgreement, Store } from '../../src/services/ports.js';
import type { RecognitionAgreement } from '../../src/domain/recognition/agreement.js';
import { openTestStore } from '../helpers/test-store.js';
import { testEngine } from '../helpers/test-database.js';

/** The recognition agreements port, on each engine (004_recognition.sql). */
describe(`store contract: recognition agreements (${testEngine()})`, () => {
  let store: Store;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ store, close } = await openTestStore());
  });
  afterEach(async () => {
    await close();
  });

  const stored = (
    id: string,
    version: number,
    over: Partial<RecognitionAgreement> = {},
  ): StoredAgreement => ({
    agreement: {
      id,
      version,
      title: `${id} v${version}`,
      kind: 'bilateral-mou',
      reference: 'r',
      parties: { origin: ['KH'], destination: ['TH'] },
      coverage: { occupations: ['7112'] },
      grants: { description: 'x' },
      validFrom: '2026-01-01',
      source: { title: 's' },
      ...over,
    },
    recordedAt: '2026-01-01T00:00:00Z',
    recordedBy: 'hub',
  });

  it('stores agreements as sent; latest() has the newest version of each, versions() the history', async () => {
    expect(await store.repos.recognition.latest()).toEqual([]);
    const withEverything = stored('b-full', 1, {
      conditions: {
        minMonthlySalary: { amount: 1600.5, currency: 'SGD' },
        followUp: { description: 'CET', withinMonths: 24 },
      },
      illustrative: true,
    });
    expect(await store.repos.recognition.insert(withEverything)).toBe(true);
    expect(await store.repos.recognition.insert(stored('a-one', 1))).toBe(true);
    expect(await store.repos.recognition.insert(stored('a-one', 3))).toBe(true);
    expect(await store.repos.recognition.insert(stored('a-one', 2))).toBe(true);
    const latest = await store.repos.recognition.latest();
    expect(latest.map((s) => [s.agreement.id, s.agreement.version])).toEqual([
      ['a-one', 3],
      ['b-full', 1],
    ]);
    expect(latest[1]).toEqual(withEverything);
    expect((await store.repos.recognition.versions('a-one')).map((s) => s.agreement.version)).toEqual([
      1, 2, 3,
    ]);
    expect(await store.repos.recognition.versions('none')).toEqual([]);
  });

  it('concurrent writers of the same id and version: exactly one wins, the others get false', async () => {
    const wins = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2
          ? store.repos.recognition.insert(stored('race', 1, { title: `w${i}` }))
          : store.transaction((repos) => repos.recognition.insert(stored('race', 1, { title: `w${i}` }))),
      ),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await store.repos.recognition.versions('race')).toHaveLength(1);
  });

  it('a unit of work that throws leaves no agreement behind', async () => {
    await expect(
      store.transaction(async (repos) => {
        await repos.recognition.insert(stored('rolled-back', 1));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.repos.recognition.latest()).toEqual([]);
  });
});
