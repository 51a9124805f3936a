import { describe, expect, it } from 'vitest';
import { applyDisclosures, isSdJwt, parseSdJwt, sdDigest } from '../../../src/domain/presentations/sd-jwt.js';

/** RFC 9901 §7.1: the disclosures of an SD-JWT against the digests its issuer signed. */
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const disclosure = (name: string, value: unknown, salt = 'c2FsdA') => b64([salt, name, value]);
const jwt = (payload: Record<string, unknown>) =>
  `${b64({ alg: 'EdDSA', typ: 'dc+sd-jwt' })}.${b64(payload)}.c2ln`;

const birth = disclosure('birthdate', '1995-04-12');
const assessment = disclosure('assessment', { date: '2026-11-18' });
const payload = {
  iss: 'did:web:x',
  name: 'Sok Dara',
  _sd: [sdDigest(birth), sdDigest(assessment)],
  _sd_alg: 'sha-256',
};
const read = (text: string) => {
  const p = parseSdJwt(text);
  if (!p.ok) return p;
  return applyDisclosures(p.value);
};

describe('SD-JWT disclosures', () => {
  it('reads the disclosed claims, says which, and counts the withheld digests', () => {
    const r = read(`${jwt(payload)}~${birth}~`);
    expect(r).toEqual({
      ok: true,
      value: {
        claims: { iss: 'did:web:x', name: 'Sok Dara', birthdate: '1995-04-12' },
        disclosed: ['birthdate'],
        withheldDigests: 1,
      },
    });
  });

  it('tells an SD-JWT from a plain JWT, and keeps the KB-JWT apart with what sd_hash covers', () => {
    expect(isSdJwt(`${jwt(payload)}~`)).toBe(true);
    expect(isSdJwt(jwt(payload))).toBe(false);
    const p = parseSdJwt(`${jwt(payload)}~${birth}~${jwt({ nonce: 'n' })}`);
    expect(p.ok && p.value.presented).toBe(`${jwt(payload)}~${birth}~`);
    expect(p.ok && p.value.kbJwt?.payload).toEqual({ nonce: 'n' });
  });

  it('a disclosure whose digest the issuer did not sign is refused', () => {
    const r = read(`${jwt(payload)}~${disclosure('birthdate', '1970-01-01')}~`);
    expect(!r.ok && r.problem.code).toBe('unreferenced-disclosure');
  });

  it('the same disclosure twice, or the same digest twice in _sd, is refused', () => {
    expect(read(`${jwt(payload)}~${birth}~${birth}~`)).toMatchObject({
      problem: { code: 'duplicate-disclosure' },
    });
    const twice = { ...payload, _sd: [sdDigest(birth), sdDigest(birth)] };
    expect(read(`${jwt(twice)}~`)).toMatchObject({ problem: { code: 'duplicate-disclosure' } });
  });

  it('only sha-256 digests are accepted (the default when _sd_alg is absent)', () => {
    expect(read(`${jwt({ ...payload, _sd_alg: 'md5' })}~`)).toMatchObject({
      problem: { code: 'unsupported-sd-alg' },
    });
    const { _sd_alg: _, ...noAlg } = payload;
    expect(read(`${jwt(noAlg)}~${birth}~`).ok).toBe(true);
  });

  it('a disclosure may not overwrite a claim in clear, a reserved claim or a built-in property', () => {
    for (const name of ['name', 'iss', 'cnf', '_sd', '__proto__', 'constructor']) {
      const d = disclosure(name, 'x');
      const r = read(`${jwt({ ...payload, _sd: [...payload._sd, sdDigest(d)] })}~${d}~`);
      expect(!r.ok && r.problem.code, name).toBe('malformed-sd-jwt');
    }
  });

  it('selective disclosure below the top level, or an array-element disclosure, is refused', () => {
    expect(read(`${jwt({ ...payload, qualification: { _sd: ['x'] } })}~`)).toMatchObject({
      problem: { code: 'malformed-sd-jwt' },
    });
    expect(read(`${jwt({ ...payload, list: [{ '...': 'x' }] })}~`)).toMatchObject({
      problem: { code: 'malformed-sd-jwt' },
    });
    expect(read(`${jwt(payload)}~${b64(['salt', 'value'])}~`)).toMatchObject({
      problem: { code: 'malformed-sd-jwt' },
    });
  });

  it('parts that are not base64url JSON are refused; deep JSON keeps its bounds code', () => {
    expect(read(`${jwt(payload)}~not*base64~`)).toMatchObject({ problem: { code: 'malformed-sd-jwt' } });
    expect(read('a.b~')).toMatchObject({ problem: { code: 'malformed-sd-jwt' } });
    let deep: unknown = 'x';
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(read(`${jwt(payload)}~${disclosure('birthdate', deep)}~`)).toMatchObject({
      problem: { code: 'too-deep' },
    });
  });
});
