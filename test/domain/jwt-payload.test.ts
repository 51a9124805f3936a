import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { decodeJwtPayload } from '../../src/domain/jwt-payload.js';

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
      try { theirs = decodeJwt(jwt); } catch { theirs = 'refused'; }
      let ours: unknown;
      try { ours = decodeJwtPayload(jwt); } catch { ours = 'refused'; }
      expect(ours, jwt).toEqual(theirs);
    }
  });
});
