import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issue, startTestHub, type TestHub } from '../helpers/test-hub.js';
import { stockDidKeyIssuer, type StockSuite } from '../../src/adapters/crypto/suites/digitalbazaar.js';
import { createDocumentLoader } from '../../src/adapters/contexts/document-loader.js';

/**
 * Credentials SkillPass did not make: signed by did:key issuers with the stock @digitalbazaar
 * suites (eddsa-rdfc-2022, eddsa-jcs-2022, ecdsa-rdfc-2019 on P-256, and the older
 * Ed25519Signature2020 of many Open Badges), VC 2.0 with the W3C examples context and VC 1.1.
 * The W3C VC API verifies their proofs (hub trust is not counted by default) and refuses a
 * changed one; proof sets verify only when every proof does.
 */
const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const EXAMPLES_V2 = 'https://www.w3.org/ns/credentials/examples/v2';
const CREATED = '2026-11-01T08:00:00Z';

const alumni = (issuer: string) => ({
  '@context': [VC_V2, EXAMPLES_V2],
  id: 'http://university.example/credentials/1872',
  type: ['VerifiableCredential', 'ExampleAlumniCredential'],
  issuer,
  validFrom: CREATED,
  credentialSubject: {
    id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
    alumniOf: { id: 'did:example:c276e12ec21ebfeb1f712ebc6f1', name: 'Example University' },
  },
});
const v11 = (issuer: string) => ({
  '@context': ['https://www.w3.org/2018/credentials/v1', 'https://w3id.org/security/suites/ed25519-2020/v1'],
  id: 'urn:uuid:1b4c1f52-7c36-4d8e-9a2e-2f7c1b6a9f01',
  type: ['VerifiableCredential'],
  issuer,
  issuanceDate: CREATED,
  credentialSubject: { id: 'did:example:holder' },
});

describe('third-party credentials through the W3C VC API', () => {
  let hub: TestHub;
  let loader: ReturnType<typeof createDocumentLoader>;
  beforeAll(async () => {
    hub = await startTestHub();
    loader = createDocumentLoader(hub.ctx.contexts, hub.ctx.resolver);
  });
  afterAll(async () => hub?.close());

  const verify = async (credential: unknown) => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/credentials/verify',
      payload: { verifiableCredential: credential },
    });
    return {
      status: res.statusCode,
      body: res.json() as {
        verified: boolean;
        skillpass: { checks: { id: string; outcome: string; code?: string }[] };
      },
    };
  };
  const proofCheck = (r: Awaited<ReturnType<typeof verify>>) =>
    r.body.skillpass.checks.find((c) => c.id === 'proof');

  for (const suite of [
    'eddsa-rdfc-2022',
    'eddsa-jcs-2022',
    'ecdsa-rdfc-2019',
    'Ed25519Signature2020',
  ] as StockSuite[]) {
    it(`${suite}: a VC 2.0 credential with the W3C examples context verifies; changed, it does not`, async () => {
      const issuer = await stockDidKeyIssuer(suite, loader);
      const signed = await issuer.sign(alumni(issuer.did), CREATED);
      const ok = await verify(signed);
      expect(ok.status, JSON.stringify(ok.body.skillpass.checks)).toBe(200);
      expect(ok.body.verified).toBe(true);
      expect(proofCheck(ok)).toMatchObject({ outcome: 'valid' });
      const changed = structuredClone(signed) as Record<string, any>;
      changed.credentialSubject.alumniOf.name = 'Another University';
      const bad = await verify(changed);
      expect(bad.status).toBe(422);
      expect(proofCheck(bad)).toMatchObject({ outcome: 'invalid', code: 'bad-signature' });
    });
  }

  it('Ed25519Signature2020 on a VC 1.1 credential (the older Open Badges form) verifies', async () => {
    const issuer = await stockDidKeyIssuer('Ed25519Signature2020', loader);
    const r = await verify(await issuer.sign(v11(issuer.did), CREATED));
    expect(r.status, JSON.stringify(r.body.skillpass.checks)).toBe(200);
  });

  it('a proof given as a one-element array verifies', async () => {
    const issuer = await stockDidKeyIssuer('eddsa-rdfc-2022', loader);
    const signed = await issuer.sign(alumni(issuer.did), CREATED);
    const r = await verify({ ...signed, proof: [signed.proof] });
    expect(r.status, JSON.stringify(r.body.skillpass.checks)).toBe(200);
  });

  it("a proof set (the issuer's eddsa-rdfc-2022 and an endorser's ecdsa-rdfc-2019) verifies only when both proofs do", async () => {
    const issuer = await stockDidKeyIssuer('eddsa-rdfc-2022', loader);
    const endorser = await stockDidKeyIssuer('ecdsa-rdfc-2019', loader);
    const unsigned = alumni(issuer.did);
    const a = (await issuer.sign(unsigned, CREATED)).proof as Record<string, unknown>;
    const b = (await endorser.sign(unsigned, CREATED)).proof as Record<string, unknown>;
    const both = await verify({ ...unsigned, proof: [a, b] });
    expect(both.status, JSON.stringify(both.body.skillpass.checks)).toBe(200);
    const forgedB = { ...b, proofValue: a.proofValue };
    const broken = await verify({ ...unsigned, proof: [a, forgedB] });
    expect(broken.status).toBe(422);
    expect(proofCheck(broken)).toMatchObject({ outcome: 'invalid', code: 'bad-signature' });
    // only the endorser's proof: the issuer never signed it
    expect(proofCheck(await verify({ ...unsigned, proof: [b] }))).toMatchObject({
      outcome: 'invalid',
      code: 'key-issuer-mismatch',
    });
  });

  it('a presentation signed by its holder (stock vc.signPresentation) over a SkillPass certificate verifies as a whole; changed inside, it does not', async () => {
    const holder = await stockDidKeyIssuer('eddsa-rdfc-2022', loader);
    const certificate = (await issue(hub)).credential as Record<string, any>;
    const presentation = {
      '@context': [VC_V2],
      type: ['VerifiablePresentation'],
      holder: holder.did,
      verifiableCredential: [certificate],
    };
    const signed = await holder.signPresentation(presentation, 'challenge-123', 'employer.example');
    const post = async (vp: unknown, options: Record<string, unknown>) => {
      const res = await hub.app.inject({
        method: 'POST',
        url: '/presentations/verify',
        payload: { verifiablePresentation: vp, options },
      });
      return {
        status: res.statusCode,
        body: res.json() as {
          verified: boolean;
          presentationResult: { verified: boolean; proof: string; error?: string };
          credentialResults: { verified: boolean }[];
        },
      };
    };
    const ok = await post(signed, { challenge: 'challenge-123', domain: 'employer.example' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({
      verified: true,
      presentationResult: { verified: true, proof: 'verified' },
      credentialResults: [{ verified: true }],
    });
    expect((await post(signed, { challenge: 'another' })).body.presentationResult.verified).toBe(false);
    const changed = structuredClone(signed) as Record<string, any>;
    changed.verifiableCredential[0].credentialSubject.name = 'Someone Else';
    const bad = await post(changed, { challenge: 'challenge-123', domain: 'employer.example' });
    expect(bad.status).toBe(422);
    expect(bad.body.presentationResult).toMatchObject({ verified: false, proof: 'invalid' });
  });
});
