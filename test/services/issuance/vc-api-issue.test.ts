import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueViaVcApi } from '../../../src/services/issuance/vc-api-issue.js';
import { verifyWithHub } from '../../../src/services/verification/verification-service.js';
import { startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { signAsCentre } from '../../helpers/forge.js';
import { ADMIN, KH_ISSUER, audited, authorityOf, rejects } from '../../helpers/service-calls.js';

/** W3C VC API issuance called directly (src/services/issuance/vc-api-issue.ts): what a centre's own credential must be. */
describe('issueViaVcApi', () => {
  let hub: TestHub;
  let did: string;
  beforeAll(async () => {
    hub = await startTestHub();
    did = (await hub.ctx.store.repos.spokes.get('kh-ntti'))!.did;
  });
  afterAll(async () => {
    await hub.close();
  });
  const plain = (extra: Record<string, unknown> = {}) => ({
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'],
    issuer: did,
    credentialSubject: { id: 'did:example:worker', name: 'Sok Dara' },
    ...extra,
  });
  /** the hub's own certificate shape for `qualification`, unsigned, as a centre could compose it */
  const composed = async (qualification: string, humanCode?: string) => {
    const { proof: _p, ...credential } = (await signAsCentre(hub.ctx, 'kh-ntti', {
      qualification: 'TH-BRICK-1',
    })) as Record<string, any>;
    credential.id = `urn:uuid:${crypto.randomUUID()}`;
    const achievement = credential.credentialSubject.achievement;
    achievement.humanCode = humanCode ?? qualification;
    achievement.id = `https://elsewhere.example/q/${qualification}`;
    return credential as Record<string, unknown>;
  };
  const count = () => hub.ctx.store.repos.certificates.count();

  it('only a testing centre token issues, and only a credential without a proof', async () => {
    const before = await count();
    for (const actor of [ADMIN, authorityOf('TH'), { ...KH_ISSUER, spoke: 'closed-centre' }])
      await rejects(issueViaVcApi(hub.ctx, actor, plain()), 'forbidden');
    await rejects(issueViaVcApi(hub.ctx, KH_ISSUER, plain({ proof: {} })), 'invalid-credential-request');
    expect(await count()).toBe(before);
  });

  it('refuses what breaks the data model or names another issuer, never repairing it', async () => {
    const before = await count();
    const cases: Record<string, unknown>[] = [
      plain({ issuer: 'did:web:someone-else.example' }),
      plain({ id: null }),
      { ...plain(), credentialSubject: {} },
      plain({ credentialSubject: { id: 'did:example:worker', name: 'Sok\u0000Dara' } }),
    ];
    for (const credential of cases) {
      const err = await rejects(issueViaVcApi(hub.ctx, KH_ISSUER, credential), 'invalid-credential-request');
      expect(err.details, JSON.stringify(credential)).toBeDefined();
    }
    expect(await count()).toBe(before);
  });

  it('a credential naming a registry qualification passes the certification gate: unknown or not accredited is refused', async () => {
    const before = await count();
    await rejects(issueViaVcApi(hub.ctx, KH_ISSUER, await composed('TH-WIRING-1')), 'not-accredited');
    await rejects(issueViaVcApi(hub.ctx, KH_ISSUER, await composed('XX-NOPE-1')), 'unknown-qualification');
    await rejects(
      issueViaVcApi(hub.ctx, KH_ISSUER, await composed('TH-WIRING-1', ' th-wiring-1 ')),
      'not-accredited',
    );
    expect(await count()).toBe(before);
    const ok = await issueViaVcApi(hub.ctx, KH_ISSUER, await composed('TH-BRICK-1'));
    expect((await hub.ctx.store.repos.certificates.get(String(ok.id)))?.qualification).toBe('TH-BRICK-1');
  });

  it('signs as the centre, gives a VC 2.0 credential a status entry, stores it once under its id', async () => {
    const signed = await issueViaVcApi(hub.ctx, KH_ISSUER, plain());
    const id = String(signed.id);
    expect(id).toMatch(/^urn:uuid:/);
    expect(signed).toMatchObject({
      issuer: did,
      validFrom: '2026-11-20T10:00:00Z',
      proof: { cryptosuite: 'eddsa-rdfc-2022' },
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
    });
    expect(await hub.ctx.store.repos.statusLists.allocationFor(id)).toBeDefined();
    expect((await hub.ctx.store.repos.certificates.get(id))?.format).toBe('di');
    expect((await audited(hub.ctx, 'credential.issued')).map((e) => e.subject)).toContain(id);
    const checks = (await verifyWithHub(hub.ctx, signed)).checks;
    expect(
      checks.find((c) => c.id === 'proof'),
      JSON.stringify(checks),
    ).toMatchObject({ outcome: 'valid' });
    await rejects(issueViaVcApi(hub.ctx, KH_ISSUER, plain({ id })), 'conflict');
  });

  it('signs with eddsa-jcs-2022 when asked, with eddsa-rdfc-2022 for anything else', async () => {
    const suite = async (options: Record<string, unknown>) =>
      ((await issueViaVcApi(hub.ctx, KH_ISSUER, plain(), options)).proof as { cryptosuite: string })
        .cryptosuite;
    expect(await suite({ cryptosuite: 'eddsa-jcs-2022' })).toBe('eddsa-jcs-2022');
    expect(await suite({ cryptosuite: 'ecdsa-sd-2023' })).toBe('eddsa-rdfc-2022');
  });

  it('an eddsa-jcs-2022 VC 2.0 credential verifies: its proof is checked as signed, a one-element proof @context included', async () => {
    const signed = await issueViaVcApi(hub.ctx, KH_ISSUER, plain(), { cryptosuite: 'eddsa-jcs-2022' });
    expect((signed.proof as Record<string, unknown>)['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
    ]);
    const proof = (await verifyWithHub(hub.ctx, signed)).checks.find((c) => c.id === 'proof');
    expect(proof).toMatchObject({ outcome: 'valid' });
    // and a changed subject still breaks it
    const altered = { ...signed, credentialSubject: { id: 'did:example:worker', name: 'Someone Else' } };
    expect((await verifyWithHub(hub.ctx, altered)).checks.find((c) => c.id === 'proof')).toMatchObject({
      outcome: 'invalid',
      code: 'bad-signature',
    });
  });

  it('a VC 1.1 credential gets the Data Integrity context and an issuanceDate, and no status entry', async () => {
    const signed = await issueViaVcApi(hub.ctx, KH_ISSUER, {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiableCredential'],
      issuer: did,
      credentialSubject: { id: 'did:example:worker' },
    });
    expect(signed['@context']).toEqual([
      'https://www.w3.org/2018/credentials/v1',
      'https://w3id.org/security/data-integrity/v2',
    ]);
    expect(signed.issuanceDate).toBe('2026-11-20T10:00:00Z');
    expect(signed.credentialStatus).toBeUndefined();
    expect(await hub.ctx.store.repos.statusLists.allocationFor(String(signed.id))).toBeUndefined();
  });

  it('`within` runs in the unit of work: when it fails nothing is stored', async () => {
    const id = `urn:uuid:${crypto.randomUUID()}`;
    await expect(
      issueViaVcApi(hub.ctx, KH_ISSUER, plain({ id }), {}, async () => {
        throw new Error('could not record the answer');
      }),
    ).rejects.toThrow('could not record');
    expect(await hub.ctx.store.repos.certificates.get(id)).toBeUndefined();
    expect(await hub.ctx.store.repos.statusLists.allocationFor(id)).toBeUndefined();
  });
});
