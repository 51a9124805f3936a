import { beforeAll, describe, expect, it } from 'vitest';
import { CompactSign } from 'jose';
import { createCredentialSigner } from '../../src/adapters/crypto/suites/credential-signer.js';
import { privateKeyObject } from '../../src/adapters/crypto/keys/ed25519-keys.js';
import { jwkThumbprint } from '../../src/adapters/crypto/keys/multikey.js';
import {
  certificate,
  didKeyIssuer,
  documentLoader,
  ISSUED_AT,
  verifier,
  type DidKeyIssuer,
} from './crypto-fixtures.js';

const signer = createCredentialSigner(documentLoader, 'http://127.0.0.1:3999');
const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const parts = (jwt: string) => jwt.split('.') as [string, string, string];
/** The JsonWebKey method of an issuer's key: `<did>#<JWK thumbprint>` (src/domain/did-document.ts). */
const jwkMethod = (i: DidKeyIssuer) =>
  `${i.did}#${jwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: i.key.privateJwk.x })}`;

let alice: DidKeyIssuer;
let jwt: string;
beforeAll(async () => {
  alice = didKeyIssuer();
  jwt = await signer.signJwt(certificate(alice.did), alice.key);
});

describe('VC-JOSE JWT (EdDSA) with a did:key issuer', () => {
  it("signs a compact JWS with typ vc+jwt, alg EdDSA and the key's JsonWebKey method as kid; the payload is the credential with the claims that mirror it", () => {
    expect(JSON.parse(Buffer.from(parts(jwt)[0], 'base64url').toString())).toEqual({
      alg: 'EdDSA',
      kid: jwkMethod(alice),
      typ: 'vc+jwt',
      cty: 'vc',
    });
    const c = certificate(alice.did);
    expect(JSON.parse(Buffer.from(parts(jwt)[1], 'base64url').toString())).toEqual({
      ...c,
      iss: alice.did,
      jti: c.id,
      nbf: Date.parse(ISSUED_AT) / 1000,
      exp: Math.floor(Date.parse(String(c.validUntil)) / 1000),
    });
  });

  it('verifies as valid for its issuer', async () => {
    expect(await verifier.verifyJwt(jwt, alice.did)).toMatchObject({
      outcome: 'valid',
      verificationMethod: alice.key.verificationMethod,
    });
  });

  it('reports bad-signature when the payload is changed', async () => {
    const [h, , s] = parts(jwt);
    const forged = `${h}.${b64url({ ...certificate(alice.did), name: 'Forged' })}.${s}`;
    expect(await verifier.verifyJwt(forged, alice.did)).toMatchObject({
      outcome: 'invalid',
      code: 'bad-signature',
    });
  });

  it('reports unsupported-alg for an unsecured JWT with alg none', async () => {
    const unsecured = `${b64url({ alg: 'none' })}.${b64url(certificate(alice.did))}.`;
    expect(await verifier.verifyJwt(unsecured, alice.did)).toMatchObject({
      outcome: 'invalid',
      code: 'unsupported-alg',
    });
  });

  it('reports unsupported-alg for alg none even when it names a kid of the issuer', async () => {
    const unsecured = `${b64url({ alg: 'none', kid: alice.key.verificationMethod })}.${b64url(certificate(alice.did))}.`;
    expect(await verifier.verifyJwt(unsecured, alice.did)).toMatchObject({
      outcome: 'invalid',
      code: 'unsupported-alg',
    });
  });

  it('reports kid-issuer-mismatch when the JWT was signed with a key of another DID', async () => {
    const mallory = didKeyIssuer();
    const byMallory = await signer.signJwt(certificate(alice.did), mallory.key);
    expect(await verifier.verifyJwt(byMallory, alice.did)).toMatchObject({
      outcome: 'invalid',
      code: 'kid-issuer-mismatch',
      verificationMethod: jwkMethod(mallory),
    });
  });

  it("reports bad-signature when the kid names the issuer's key (either method of it) but another key signed", async () => {
    const mallory = didKeyIssuer();
    for (const kid of [alice.key.verificationMethod, jwkMethod(alice)]) {
      const impostor = await new CompactSign(Buffer.from(JSON.stringify(certificate(alice.did))))
        .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'vc+jwt' })
        .sign(privateKeyObject(mallory.key.privateJwk));
      expect(await verifier.verifyJwt(impostor, alice.did), kid).toMatchObject({
        outcome: 'invalid',
        code: 'bad-signature',
      });
    }
  });

  it('reports malformed-jwt for text whose header cannot be read', async () => {
    expect(await verifier.verifyJwt('not.a.jwt', alice.did)).toMatchObject({
      outcome: 'invalid',
      code: 'malformed-jwt',
    });
  });
});
