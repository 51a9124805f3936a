import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, issue, type TestHub } from '../../helpers/test-hub.js';
import { presentSdJwt, sdJwtVcOf, walletKey } from '../../helpers/wallet-credentials.js';
import { verifyWithHub } from '../../../src/services/verification/verification-service.js';

/** Every verification path's entry: a presentation goes the presentation way, a credential the credential way. */
describe('verifyPresentedCredential', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => hub?.close());

  it('an SD-JWT VC, with blanks around it as pasted, is verified as an SD-JWT VC', async () => {
    const holder = await walletKey();
    const presented = await presentSdJwt(hub, await sdJwtVcOf(hub, await issue(hub), holder), holder, {
      kb: false,
    });
    for (const input of [presented, ` ${presented}\n`]) {
      const r = await verifyWithHub(hub.ctx, input);
      expect(r.outcome).toBe('valid');
      expect(r.credential?.format).toBe('dc+sd-jwt');
      expect(r.presentation?.format).toBe('dc+sd-jwt');
    }
  });

  it('a credential is verified as a credential, with no holder-binding check and no presentation', async () => {
    const r = await verifyWithHub(hub.ctx, (await issue(hub)).credential);
    expect(r.outcome).toBe('valid');
    expect(r.presentation).toBeUndefined();
    expect(r.checks.map((c) => c.id)).not.toContain('holder-binding');
  });
});
