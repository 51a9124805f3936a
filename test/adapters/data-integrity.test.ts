import { beforeAll, describe, expect, it } from 'vitest';
import { signDataIntegrity, type Cryptosuite } from '../../src/adapters/crypto/suites/digitalbazaar.js';
import {
  ISSUED_AT,
  certificate,
  didKeyIssuer,
  documentLoader,
  verifier,
  type DidKeyIssuer,
} from './crypto-fixtures.js';

type Doc = Record<string, unknown>;

const sign = (credential: Doc, issuer: DidKeyIssuer, cryptosuite: Cryptosuite = 'eddsa-rdfc-2022') =>
  signDataIntegrity({
    credential,
    privateJwk: issuer.key.privateJwk,
    verificationMethod: issuer.key.verificationMethod,
    controller: issuer.key.controller,
    created: ISSUED_AT,
    cryptosuite,
    documentLoader,
  });

let alice: DidKeyIssuer;
let signed: Doc;
beforeAll(async () => {
  alice = didKeyIssuer();
  signed = await sign(certificate(alice.did), alice);
});

describe('Data Integrity eddsa-rdfc-2022 with a did:key issuer', () => {
  it('signs with a DataIntegrityProof naming the key and the creation time', () => {
    expect(signed.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      verificationMethod: alice.key.verificationMethod,
      created: ISSUED_AT,
    });
  });

  it('verifies as valid, reporting the verification method and created time', async () => {
    expect(await verifier.verifyDataIntegrity(signed)).toMatchObject({
      outcome: 'valid',
      verificationMethod: alice.key.verificationMethod,
      created: ISSUED_AT,
    });
  });

  it('reports bad-signature when a signed field is changed', async () => {
    const tampered = structuredClone(signed) as Doc & { credentialSubject: Doc };
    tampered.credentialSubject.name = 'Somebody Else';
    expect(await verifier.verifyDataIntegrity(tampered)).toMatchObject({
      outcome: 'invalid',
      code: 'bad-signature',
      message: expect.stringContaining('Invalid signature'),
    });
  });

  it('reports bad-signature when the AQRF level inside the achievement is changed', async () => {
    const tampered = structuredClone(signed) as Doc & {
      credentialSubject: { achievement: { alignment: Doc[] } };
    };
    tampered.credentialSubject.achievement.alignment[0]!.targetCode = '5';
    expect(await verifier.verifyDataIntegrity(tampered)).toMatchObject({
      outcome: 'invalid',
      code: 'bad-signature',
      message: expect.stringContaining('Invalid signature'),
    });
  });

  it('reports unknown-context, indeterminate (it cannot be read, so it is not called forged), when an unbundled @context URL is added', async () => {
    const withUnknown = {
      ...structuredClone(signed),
      '@context': [...(signed['@context'] as string[]), 'https://example.org/unknown-context/v1'],
    };
    expect(await verifier.verifyDataIntegrity(withUnknown)).toMatchObject({
      outcome: 'indeterminate',
      code: 'unknown-context',
    });
  });

  it('reports key-issuer-mismatch when the credential claims another issuer than the signing key', async () => {
    const bob = didKeyIssuer();
    const claimed = { ...structuredClone(signed), issuer: { id: bob.did, type: ['Profile'], name: 'Bob' } };
    expect(await verifier.verifyDataIntegrity(claimed)).toMatchObject({
      outcome: 'invalid',
      code: 'key-issuer-mismatch',
    });
  });

  it('reports no-proof for an unsigned credential', async () => {
    expect(await verifier.verifyDataIntegrity(certificate(alice.did))).toMatchObject({
      outcome: 'invalid',
      code: 'no-proof',
    });
  });

  it('reports unsupported-proof, indeterminate, for a cryptosuite or proof type it does not implement', async () => {
    for (const proof of [
      { ...(signed.proof as Doc), cryptosuite: 'bbs-2023' },
      { ...(signed.proof as Doc), type: 'JsonWebSignature2020' },
    ]) {
      expect(await verifier.verifyDataIntegrity({ ...structuredClone(signed), proof })).toMatchObject({
        outcome: 'indeterminate',
        code: 'unsupported-proof',
      });
    }
  });

  it('reports too-many-proofs past four proofs (each costs a canonicalisation)', async () => {
    const proof = signed.proof as Doc;
    expect(
      await verifier.verifyDataIntegrity({
        ...structuredClone(signed),
        proof: [proof, proof, proof, proof, proof],
      }),
    ).toMatchObject({ outcome: 'invalid', code: 'too-many-proofs' });
  });

  it('reports key-suite-mismatch when an Ed25519 key is named by an ecdsa-rdfc-2019 proof', async () => {
    const other = {
      ...structuredClone(signed),
      proof: { ...(signed.proof as Doc), cryptosuite: 'ecdsa-rdfc-2019' },
    };
    expect(await verifier.verifyDataIntegrity(other)).toMatchObject({
      outcome: 'invalid',
      code: 'key-suite-mismatch',
    });
  });
});

describe('Data Integrity eddsa-jcs-2022 with a did:key issuer', () => {
  it('round-trips: signs with the JCS suite and verifies as valid', async () => {
    const jcs = await sign(certificate(alice.did), alice, 'eddsa-jcs-2022');
    expect(jcs.proof).toMatchObject({ cryptosuite: 'eddsa-jcs-2022' });
    expect(await verifier.verifyDataIntegrity(jcs)).toMatchObject({ outcome: 'valid' });
  });

  it('reports bad-signature when a field of a JCS-signed credential is changed', async () => {
    const jcs = await sign(certificate(alice.did), alice, 'eddsa-jcs-2022');
    expect(
      await verifier.verifyDataIntegrity({ ...jcs, name: 'Plastering, level 1 (TH-PLASTER-1)' }),
    ).toMatchObject({
      outcome: 'invalid',
      code: 'bad-signature',
      message: expect.stringContaining('Invalid signature'),
    });
  });
});
