import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createQualification,
  createSpoke,
  describeQualification,
  describeSpoke,
  grantAccreditation,
  type QualificationInput,
} from '../../../src/services/registry/registry-service.js';
import { authenticateCaller } from '../../../src/services/access/tokens.js';
import { startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { ADMIN, audited, rejects } from '../../helpers/service-calls.js';

/** The hub admin's registry use cases (src/services/registry/registry-service.ts). */
describe('registry service', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });
  const qualification = (overrides: Partial<QualificationInput> = {}): QualificationInput => ({
    code: 'MY-COOK-2',
    title: { en: 'Commercial cookery, level 2' },
    country: 'MY',
    framework: 'MY-MQF',
    level: 2,
    isco08: '5120',
    validityYears: 3,
    ...overrides,
  });
  const version = () => hub.ctx.store.repos.meta.registryVersion();

  it('a qualification belongs to a national framework and one of its levels; its code is taken once', async () => {
    const before = await version();
    for (const framework of ['XX-NQF', 'AQRF'])
      expect(
        (
          await rejects(
            createQualification(hub.ctx, ADMIN, qualification({ framework })),
            'unknown-framework',
          )
        ).details,
      ).toEqual({ field: 'framework' });
    for (const level of [0, 9])
      expect(
        (await rejects(createQualification(hub.ctx, ADMIN, qualification({ level })), 'validation-failed'))
          .details,
      ).toEqual({ field: 'level' });
    expect(await version()).toBe(before);
    const created = await createQualification(hub.ctx, ADMIN, qualification());
    // MY-MQF is referenced to the AQRF level for level (2 -> 2) since 2019
    expect(created).toMatchObject({
      code: 'MY-COOK-2',
      aqrfLevel: 2,
      referencing: 'referenced',
      createdAt: '2026-11-20T10:00:00Z',
    });
    expect(await version()).toBe(before + 1);
    expect((await audited(hub.ctx, 'qualification.created')).at(-1)?.subject).toBe('MY-COOK-2');
    await rejects(createQualification(hub.ctx, ADMIN, qualification({ title: { en: 'Other' } })), 'conflict');
  });

  it('describeQualification gives the AQRF level in force today, or none before the referencing', async () => {
    const q = (await hub.ctx.store.repos.qualifications.get('KH-SEW-2'))!;
    expect(await describeQualification(hub.ctx, q)).toMatchObject({
      aqrfLevel: 2,
      referencing: 'provisional',
    });
    hub.clock.set('2023-06-01T00:00:00Z');
    try {
      expect(await describeQualification(hub.ctx, q)).toMatchObject({ aqrfLevel: null, referencing: null });
    } finally {
      hub.clock.set('2026-11-20T10:00:00Z');
    }
  });

  it('a new centre gets its DID under the hub, a first key and an issuer token that works; its slug is taken once', async () => {
    const { spoke, token, key } = await createSpoke(hub.ctx, ADMIN, {
      slug: 'la-vte',
      name: 'Vientiane Centre',
      country: 'LA',
    });
    expect(spoke.did).toBe(`${hub.ctx.hubDid}:spokes:la-vte`);
    expect(key).toMatchObject({ id: `${spoke.did}#key-1`, spoke: 'la-vte', validUntil: null });
    expect(key).not.toHaveProperty('encryptedSecret');
    expect(await authenticateCaller(hub.ctx, `Bearer ${token}`)).toMatchObject({
      role: 'issuer',
      spoke: 'la-vte',
    });
    await rejects(createSpoke(hub.ctx, ADMIN, { slug: 'la-vte', name: 'Again', country: 'LA' }), 'conflict');
    expect((await describeSpoke(hub.ctx, 'la-vte')).keys).toHaveLength(1);
  });

  it('an accreditation has real dates in order, an existing centre and known qualifications (each once)', async () => {
    const grant = (slug: string, input: Partial<Parameters<typeof grantAccreditation>[3]>) =>
      grantAccreditation(hub.ctx, ADMIN, slug, {
        qualifications: ['TH-BRICK-1'],
        validFrom: '2026-01-01',
        validUntil: '2026-12-31',
        ...input,
      });
    expect(
      (await rejects(grant('kh-ntti', { validFrom: '2026-02-30' }), 'validation-failed')).details,
    ).toEqual({
      field: 'validFrom',
    });
    expect(
      (await rejects(grant('kh-ntti', { validUntil: '2026-12-31T00:00:00Z' }), 'validation-failed')).details,
    ).toEqual({ field: 'validUntil' });
    expect(
      (await rejects(grant('kh-ntti', { validUntil: '2025-12-31' }), 'validation-failed')).details,
    ).toEqual({
      field: 'validUntil',
    });
    await rejects(grant('nowhere', {}), 'not-found');
    expect(
      (
        await rejects(
          grant('kh-ntti', { qualifications: ['TH-BRICK-1', 'XX-NOPE-1'] }),
          'unknown-qualification',
        )
      ).details,
    ).toEqual({ field: 'qualifications', value: 'XX-NOPE-1' });
    const before = (await describeSpoke(hub.ctx, 'kh-ntti')).accreditations.length;
    const granted = await grant('kh-ntti', {
      qualifications: ['TH-BRICK-1', 'MY-WELD-3', 'TH-BRICK-1'],
      validUntil: '2026-01-01',
    });
    expect(granted.qualifications).toEqual(['TH-BRICK-1', 'MY-WELD-3']);
    expect((await describeSpoke(hub.ctx, 'kh-ntti')).accreditations.length).toBe(before + 1);
  });

  it('describeSpoke: an unknown centre is not found', async () => {
    await rejects(describeSpoke(hub.ctx, 'nowhere'), 'not-found');
  });
});
