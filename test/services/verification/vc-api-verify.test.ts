import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  verifyCredentialViaVcApi,
  verifyPresentationViaVcApi,
} from '../../../src/services/verification/vc-api-verify.js';
import { issueViaVcApi } from '../../../src/services/issuance/vc-api-issue.js';
import { issueCertificate, type CertifyRequest } from '../../../src/services/issuance/issue-certificate.js';
import { brickRequest, startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { KH_ISSUER } from '../../helpers/service-calls.js';

/** The W3C VC API's answer shape and verdict policy (src/services/verification/vc-api-verify.ts). */
describe('VC API verification', () => {
  let hub: TestHub;
  let certificate: Record<string, unknown>;
  /** signed by a registered centre, naming no registry qualification: proof, validity and status pass, accreditation does not */
  let composed: Record<string, unknown>;
  beforeAll(async () => {
    hub = await startTestHub();
    certificate = (await issueCertificate(hub.ctx, KH_ISSUER, brickRequest() as CertifyRequest))
      .credential as Record<string, unknown>;
    composed = await issueViaVcApi(hub.ctx, KH_ISSUER, {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: (await hub.ctx.store.repos.spokes.get('kh-ntti'))!.did,
      credentialSubject: { id: 'did:example:worker', name: 'Sok Dara' },
    });
  });
  afterAll(async () => {
    await hub.close();
  });

  it('a certificate of this hub: verified, every passed check named, no errors or warnings', async () => {
    const answer = await verifyCredentialViaVcApi(hub.ctx, certificate);
    expect(answer).toMatchObject({ verified: true, errors: [], warnings: [], problemDetails: [] });
    expect(answer.checks).toEqual([
      'well-formed',
      'proof',
      'issuer',
      'accreditation',
      'level',
      'validity',
      'status',
    ]);
    expect(answer.skillpass.outcome).toBe('valid');
  });

  it('hub-trust failures are warnings by default and errors under the hub policy, with RFC 9457 problem details', async () => {
    const lenient = await verifyCredentialViaVcApi(hub.ctx, composed);
    expect(lenient.verified).toBe(true);
    expect(lenient.errors).toEqual([]);
    expect(lenient.warnings).toEqual([expect.stringMatching(/^accreditation: /)]);
    expect(lenient.checks).not.toContain('accreditation');
    expect(lenient.problemDetails).toEqual([]);
    const strict = await verifyCredentialViaVcApi(hub.ctx, composed, { policy: 'hub' });
    expect(strict.verified).toBe(false);
    expect(strict.warnings).toEqual([]);
    expect(strict.errors).toEqual([expect.stringMatching(/^accreditation: /)]);
    expect(strict.problemDetails).toEqual([
      {
        type: 'https://skillpass.dev/problems/verification/unknown-qualification',
        title: 'accreditation invalid',
        detail: expect.any(String),
      },
    ]);
  });

  it('a changed credential fails whatever the policy: its proof failure is an error', async () => {
    const changed = { ...certificate, name: 'Something else' };
    const answer = await verifyCredentialViaVcApi(hub.ctx, changed);
    expect(answer.verified).toBe(false);
    expect(answer.errors.some((e) => e.startsWith('proof: '))).toBe(true);
  });

  describe('presentations', () => {
    const vp = (extra: Record<string, unknown>) => ({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      ...extra,
    });

    it('an unsigned presentation of credentials: verified when every credential is, each judged on its own', async () => {
      const ok = await verifyPresentationViaVcApi(hub.ctx, vp({ verifiableCredential: [certificate] }));
      expect(ok).toMatchObject({ verified: true, presentationResult: { verified: true, proof: 'absent' } });
      expect(ok.credentialResults).toHaveLength(1);
      const mixed = await verifyPresentationViaVcApi(
        hub.ctx,
        vp({ verifiableCredential: [certificate, { ...certificate, name: 'x' }] }),
      );
      expect(mixed.verified).toBe(false);
      expect(mixed.presentationResult.verified).toBe(true);
      expect(mixed.credentialResults.map((r) => r.verified)).toEqual([true, false]);
    });

    it('not a presentation, or an unsigned one with nothing in it, is not verified', async () => {
      const notVp = await verifyPresentationViaVcApi(hub.ctx, {
        ...vp({ verifiableCredential: [certificate] }),
        type: ['VerifiableCredential'],
      });
      expect(notVp.presentationResult).toMatchObject({ verified: false, code: 'not-a-presentation' });
      expect(notVp.verified).toBe(false);
      const badItem = await verifyPresentationViaVcApi(
        hub.ctx,
        vp({ verifiableCredential: [certificate, 42] }),
      );
      expect(badItem.presentationResult).toMatchObject({ verified: false, code: 'not-a-presentation' });
      const empty = await verifyPresentationViaVcApi(hub.ctx, vp({}));
      expect(empty).toMatchObject({
        verified: false,
        presentationResult: { proof: 'absent', code: 'empty-presentation' },
      });
    });

    it("a signed presentation's proof is checked with the challenge and domain given", async () => {
      const asked: unknown[] = [];
      const ctx = {
        ...hub.ctx,
        presentations: {
          verifyProof: async (_p: Record<string, unknown>, challenge?: string, domain?: string) => {
            asked.push([challenge, domain]);
            return challenge === 'c-1' ? { verified: true } : { verified: false, error: 'wrong challenge' };
          },
        },
      };
      const signed = vp({ verifiableCredential: [certificate], proof: { type: 'DataIntegrityProof' } });
      expect(
        (await verifyPresentationViaVcApi(ctx, signed, { challenge: 'c-1', domain: 'd' })).verified,
      ).toBe(true);
      const wrong = await verifyPresentationViaVcApi(ctx, signed, { challenge: 'c-2', domain: 42 });
      expect(wrong).toMatchObject({
        verified: false,
        presentationResult: { proof: 'invalid', error: 'wrong challenge' },
      });
      expect(asked).toEqual([
        ['c-1', 'd'],
        ['c-2', undefined],
      ]);
    });
  });
});
