import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import {
  claimSources,
  decodeJwtPayload,
  jwtClaimsConflict,
  jwtClaimsFor,
} from '../../src/domain/jwt-payload.js';

/** decodeJwtPayload accepts and refuses what jose's decodeJwt does. */
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64url');
const header = b64(JSON.stringify({ alg: 'EdDSA' }));
const sig = b64('x'.repeat(64));

describe('decodeJwtPayload', () => {
  it('agrees with jose on good and bad tokens', () => {
    const cases = [
      `${header}.${b64(JSON.stringify({ iss: 'did:example:1', vc: { type: ['VerifiableCredential'] } }))}.${sig}`,
      `${header}.${b64(JSON.stringify({ name: 'សុខ ដារា', n: 1 }))}.${sig}`,
      `${header}.${b64('[1,2,3]')}.${sig}`,
      `${header}.${b64('null')}.${sig}`,
      `${header}.${b64('"text"')}.${sig}`,
      `${header}.${b64('{not json')}.${sig}`,
      `${header}.${b64(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]))}.${sig}`, // invalid UTF-8
      `${header}..${sig}`,
      `${header}.${b64('{}')}`,
      `${header}.${b64('{}')}.${sig}.x.y`,
      `${header}.e30*.${sig}`,
      'not a jwt',
      '',
    ];
    for (const jwt of cases) {
      let theirs: unknown;
      try {
        theirs = decodeJwt(jwt);
      } catch {
        theirs = 'refused';
      }
      let ours: unknown;
      try {
        ours = decodeJwtPayload(jwt);
      } catch {
        ours = 'refused';
      }
      expect(ours, jwt).toEqual(theirs);
    }
  });
});

describe('JWT claims and their credential (OB 3.0 §8.2, VC-JOSE-COSE)', () => {
  const credential = {
    id: 'urn:uuid:1',
    issuer: { id: 'did:example:issuer', name: 'Centre' },
    validFrom: '2026-11-20T10:00:00.400Z',
    validUntil: '2031-11-20T23:59:59Z',
    credentialSubject: { id: 'did:example:worker' },
  };

  it('jwtClaimsFor mirrors the credential: iss, jti, sub, nbf and exp as NumericDates (whole seconds), iat from the signing instant', () => {
    expect(jwtClaimsFor(credential, '2026-11-20T10:00:00.400Z')).toEqual({
      iss: 'did:example:issuer',
      jti: 'urn:uuid:1',
      sub: 'did:example:worker',
      nbf: 1795168800,
      exp: 1952985599,
      iat: 1795168800,
    });
    expect(jwtClaimsFor({ ...credential, validUntil: undefined, credentialSubject: {} })).toEqual({
      iss: 'did:example:issuer',
      jti: 'urn:uuid:1',
      nbf: 1795168800,
    });
    expect(
      jwtClaimsConflict(jwtClaimsFor(credential, credential.validFrom), claimSources(credential)),
    ).toBeUndefined();
  });

  it('a VC-JWT 1.1 payload (the credential under vc): a claim may stand in for a member the credential leaves out, never contradict one it has', () => {
    const { id: _id, ...withoutId } = credential;
    const sources = claimSources(withoutId);
    expect(
      jwtClaimsConflict({ jti: 'urn:uuid:1', iss: 'did:example:issuer' }, sources, true),
    ).toBeUndefined();
    expect(jwtClaimsConflict({ jti: 'urn:uuid:1' }, sources)).toMatch(/jti/); // VC-JOSE: the payload is the credential, which has no id
    expect(jwtClaimsConflict({ iss: 'did:example:other' }, sources, true)).toMatch(/iss/);
    expect(jwtClaimsConflict({ nbf: 1 }, sources, true)).toMatch(/nbf/);
  });
});
