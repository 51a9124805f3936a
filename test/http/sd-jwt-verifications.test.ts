import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setStatus } from '../helpers/certificates.js';
import { startTestHub, issue, type TestHub } from '../helpers/test-hub.js';
import { presentSdJwt, sdJwtVcOf, walletKey, type WalletKey } from '../helpers/wallet-credentials.js';

/**
 * POST /verifications and POST /v with an SD-JWT VC presentation (issue 17, item 3;
 * docs/sd-jwt-vc.md): checked as any certificate, its Key Binding JWT against the nonce and
 * audience given, and the answer says which claims the worker disclosed. The rules one by one:
 * test/domain/presentations, test/services/presentations.
 */
type Result = {
  outcome: string;
  checks: { id: string; outcome: string; code?: string; message?: string }[];
  credential?: Record<string, unknown>;
  presentation?: { format: string; challengeChecked: boolean; disclosed: string[]; withheld: string[] };
};
describe('SD-JWT VC presentations at POST /verifications and /v', () => {
  let hub: TestHub;
  let holder: WalletKey;
  let vc: string;
  const post = async (payload: Record<string, unknown>) => {
    const res = await hub.app.inject({ method: 'POST', url: '/verifications', payload });
    expect(res.statusCode).toBe(200);
    return res.json() as Result;
  };
  const holderBinding = (r: Result) => r.checks.find((c) => c.id === 'holder-binding');
  const bound = { aud: 'https://employer.example', nonce: 'n-0123456789' };
  const expected = { audience: bound.aud, nonce: bound.nonce };

  beforeAll(async () => {
    hub = await startTestHub();
    holder = await walletKey();
    vc = await sdJwtVcOf(hub, await issue(hub), holder);
  });
  afterAll(async () => hub?.close());

  it('bound to the nonce and audience given: valid, with what the worker disclosed and withheld', async () => {
    const r = await post({
      credential: await presentSdJwt(hub, vc, holder, { ...bound, disclose: ['assessment'] }),
      ...expected,
    });
    expect(r.outcome).toBe('valid');
    expect(holderBinding(r)?.outcome).toBe('valid');
    expect(r.presentation).toEqual({
      format: 'dc+sd-jwt',
      challengeChecked: true,
      disclosed: ['assessment'],
      withheld: ['birthdate', 'identifier'],
    });
    expect(r.credential).toMatchObject({
      format: 'dc+sd-jwt',
      qualification: 'TH-BRICK-1',
      holderName: 'Sok Dara',
    });
    expect(r.credential?.holderBirthDate).toBeUndefined();
  });

  it('without nonce and audience the binding is checked for integrity only, and the result says so', async () => {
    const r = await post({ credential: await presentSdJwt(hub, vc, holder, bound) });
    expect(r.outcome).toBe('valid');
    expect(holderBinding(r)?.message).toMatch(/not checked against a challenge/);
    expect(r.presentation?.challengeChecked).toBe(false);
  });

  it('a presentation made for another verifier, or answering another nonce, is refused', async () => {
    const other = await post({
      credential: await presentSdJwt(hub, vc, holder, { ...bound, aud: 'https://other.example' }),
      ...expected,
    });
    expect(other.outcome).toBe('invalid');
    expect(holderBinding(other)?.code).toBe('challenge-mismatch');
    const replayed = await post({
      credential: await presentSdJwt(hub, vc, holder, { ...bound, nonce: 'old' }),
      ...expected,
    });
    expect(holderBinding(replayed)?.code).toBe('challenge-mismatch');
  });

  it('a revoked certificate answers revoked through its Token Status List entry', async () => {
    const issued = await issue(hub);
    const copy = await sdJwtVcOf(hub, issued, holder);
    await setStatus(hub, issued.id, 'revocation');
    const r = await post({ credential: await presentSdJwt(hub, copy, holder, bound), ...expected });
    expect(r.outcome).toBe('invalid');
    expect(r.checks.find((c) => c.id === 'status')?.code).toBe('revoked');
  });

  it('POST /v shows what a pasted presentation disclosed, and that it was not bound to a request', async () => {
    const presented = await presentSdJwt(hub, vc, holder, { disclose: ['assessment'] });
    const res = await hub.app.inject({
      method: 'POST',
      url: '/v',
      payload: { credential: presented, lang: 'en' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-state="valid"');
    expect(res.body).toContain('data-disclosed="assessment"');
    expect(res.body).toContain('data-withheld="birthdate identifier"');
    expect(res.body).toContain('data-unbound');
  });
});
