import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';
import { issueRevoked } from '../helpers/certificates.js';

/**
 * The compact-form rule on a presentation's envelope (src/services/verification/vc-api-verify.ts): the
 * credentials in a presentation must not be moved where the verifier does not look (a full
 * IRI key, @included), nor the envelope re-typed with keywords; and an unsigned presentation
 * with nothing in it verifies nothing.
 */
const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
describe('POST /presentations/verify against rewritten presentations', () => {
  let hub: TestHub;
  let revoked: Record<string, unknown>;
  beforeAll(async () => {
    hub = await startTestHub();
    revoked = (await issueRevoked(hub)).credential as Record<string, unknown>;
  });
  afterAll(async () => hub?.close());

  const verifyVp = async (vp: Record<string, unknown>) => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/presentations/verify',
      payload: { verifiablePresentation: vp },
    });
    return {
      status: res.statusCode,
      body: res.json() as {
        verified: boolean;
        presentationResult: { code?: string };
        credentialResults: unknown[];
      },
    };
  };

  it('a revoked credential hidden under the full IRI of verifiableCredential: not-compact-form, not verified', async () => {
    const r = await verifyVp({
      '@context': [VC_V2],
      type: ['VerifiablePresentation'],
      'https://www.w3.org/2018/credentials#verifiableCredential': [revoked],
    });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ verified: false, presentationResult: { code: 'not-compact-form' } });
  });

  it('a revoked credential moved into @included: not-compact-form, not verified', async () => {
    const r = await verifyVp({
      '@context': [VC_V2],
      type: ['VerifiablePresentation'],
      '@included': [revoked],
    });
    expect(r.body).toMatchObject({ verified: false, presentationResult: { code: 'not-compact-form' } });
  });

  it('an envelope typed with @type, or with an inline context: not-compact-form', async () => {
    for (const vp of [
      { '@context': [VC_V2], '@type': ['VerifiablePresentation'], verifiableCredential: [revoked] },
      {
        '@context': [VC_V2, { vcs: 'https://www.w3.org/2018/credentials#verifiableCredential' }],
        type: ['VerifiablePresentation'],
        verifiableCredential: [revoked],
      },
    ])
      expect((await verifyVp(vp)).body).toMatchObject({
        verified: false,
        presentationResult: { code: 'not-compact-form' },
      });
  });

  it('an envelope without @context: refused; an unsigned presentation with no credential: nothing verified', async () => {
    expect(
      (await verifyVp({ type: ['VerifiablePresentation'], verifiableCredential: [revoked] })).body,
    ).toMatchObject({ verified: false, presentationResult: { code: 'not-compact-form' } });
    const empty = await verifyVp({ '@context': [VC_V2], type: ['VerifiablePresentation'] });
    expect(empty.status).toBe(422);
    expect(empty.body).toMatchObject({
      verified: false,
      presentationResult: { code: 'empty-presentation' },
      credentialResults: [],
    });
  });
});
