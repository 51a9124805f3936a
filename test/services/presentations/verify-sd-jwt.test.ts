import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, issue, type TestHub } from '../../helpers/test-hub.js';
import { presentSdJwt, sdJwtVcOf, walletKey, type WalletKey } from '../../helpers/wallet-credentials.js';
import { verifyWithHub } from '../../../src/services/verification/verification-service.js';
import { tokenStatusListOf } from '../../../src/services/presentations/verify-sd-jwt.js';

/**
 * SD-JWT VC presentations (docs/sd-jwt-vc.md; RFC 9901 §7) through the hub's verification:
 * made by an independent library (@sd-jwt/sd-jwt-vc, test/helpers/wallet-credentials.ts) with the
 * centre's real key. Each hostile rewrite is never valid.
 */
describe('verifySdJwt', () => {
  let hub: TestHub;
  let holder: WalletKey;
  let vc: string;
  const bound = { aud: 'https://employer.example', nonce: 'n-0123456789' };
  const challenge = { audience: bound.aud, nonce: bound.nonce };
  const verify = (text: string, withChallenge = true) =>
    verifyWithHub(hub.ctx, text, withChallenge ? { challenge } : {});
  const code = async (text: string, id: string) => (await verify(text)).checks.find((c) => c.id === id)?.code;

  beforeAll(async () => {
    hub = await startTestHub();
    holder = await walletKey();
    vc = await sdJwtVcOf(hub, await issue(hub), holder);
  });
  afterAll(async () => hub?.close());

  it('runs every check of a certificate, and the holder binding last', async () => {
    const r = await verify(await presentSdJwt(hub, vc, holder, bound));
    expect(r.outcome).toBe('valid');
    expect(r.checks.map((c) => [c.id, c.outcome])).toEqual([
      ['well-formed', 'valid'],
      ['proof', 'valid'],
      ['issuer', 'valid'],
      ['accreditation', 'valid'],
      ['level', 'valid'],
      ['validity', 'valid'],
      ['status', 'valid'],
      ['holder-binding', 'valid'],
    ]);
  });

  it('a KB-JWT signed by another key than cnf.jwk, or with none when a challenge is set, is refused', async () => {
    expect(await code(await presentSdJwt(hub, vc, await walletKey(), bound), 'holder-binding')).toBe(
      'key-binding-invalid',
    );
    expect(await code(await presentSdJwt(hub, vc, holder, { kb: false }), 'holder-binding')).toBe(
      'no-key-binding',
    );
  });

  it('a KB-JWT made an hour ago is refused', async () => {
    const iat = Math.floor(hub.clock.now().getTime() / 1000) - 3600;
    expect(await code(await presentSdJwt(hub, vc, holder, { ...bound, iat }), 'holder-binding')).toBe(
      'key-binding-stale',
    );
  });

  it('a disclosure grafted onto a presentation breaks its sd_hash; a forged one is not signed', async () => {
    const presented = await presentSdJwt(hub, vc, holder, { ...bound, disclose: ['assessment'] });
    const [jwt, assessment, kb] = presented.split('~') as [string, string, string];
    const birthdate = (await presentSdJwt(hub, vc, holder, { kb: false, disclose: ['birthdate'] })).split(
      '~',
    )[1]!;
    expect(await code(`${jwt}~${assessment}~${birthdate}~${kb}`, 'holder-binding')).toBe(
      'key-binding-invalid',
    );
    const forged = Buffer.from(JSON.stringify(['salt', 'birthdate', '1970-01-01'])).toString('base64url');
    const r = await verify(`${jwt}~${forged}~`, false);
    expect(r.outcome).toBe('invalid');
    expect(r.checks[0]?.code).toBe('unreferenced-disclosure');
  });

  it('alg none, a changed claim, or the key of another centre: the proof fails', async () => {
    const [jwt, ...rest] = vc.split('~') as [string, ...string[]];
    const [header, payload] = jwt.split('.') as [string, string];
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'dc+sd-jwt' })).toString('base64url');
    expect((await verify([`${none}.${payload}.`, ...rest].join('~'), false)).outcome).toBe('invalid');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const changed = Buffer.from(JSON.stringify({ ...claims, name: 'Someone Else' })).toString('base64url');
    expect(await code([`${header}.${changed}.${jwt.split('.')[2]}`, ...rest].join('~'), 'proof')).toBe(
      'bad-signature',
    );
    const other = await sdJwtVcOf(hub, await issue(hub), holder, { centre: 'th-bkk-itc' });
    expect((await verify(other, false)).checks.find((c) => c.id === 'proof')?.outcome).toBe('invalid');
  });

  it('another credential type (vct) is not read as a certificate', async () => {
    const other = await sdJwtVcOf(hub, await issue(hub), holder, {
      payload: { vct: 'https://example.com/pid' },
    });
    expect((await verify(other, false)).checks[0]?.code).toBe('unknown-credential-type');
  });

  it("a status list of another host is not fetched: unavailable, never valid; the hub's own maps to its list pair", async () => {
    const foreign = await sdJwtVcOf(hub, await issue(hub), holder, {
      payload: { status: { status_list: { idx: 3, uri: 'https://elsewhere.example/lists/1' } } },
    });
    const r = await verify(foreign, false);
    expect(r.outcome).toBe('indeterminate');
    expect(r.checks.find((c) => c.id === 'status')?.code).toBe('status-unavailable');
    const of = tokenStatusListOf('https://hub.example');
    expect(of('https://hub.example/token-status-lists/kh-ntti-1', 7)).toEqual({
      listUrl: 'https://hub.example/status-lists/kh-ntti-1-revocation',
      index: 7,
      purpose: 'revocation',
    });
    expect(of('https://hub.example/token-status-lists/../x', 7)).toBeUndefined();
    expect(of('https://evil.example/token-status-lists/kh-ntti-1', 7)).toBeUndefined();
  });
});
