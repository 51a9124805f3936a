import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  keyChangedError,
  newSealedKey,
  signedWithValidKey,
  signingKeyFor,
} from '../../../src/services/registry/spoke-keys.js';
import { markKeyCompromised, rotateKey } from '../../../src/services/registry/key-lifecycle.js';
import { startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { ADMIN, rejects } from '../../helpers/service-calls.js';

/** Centre signing keys (src/services/registry/spoke-keys.ts): sealed to their id, and accepted only inside their window. */
describe('spoke keys', () => {
  let hub: TestHub;
  let did: string;
  beforeAll(async () => {
    hub = await startTestHub();
    did = (await hub.ctx.store.repos.spokes.get('th-bkk-itc'))!.did;
  });
  afterAll(async () => {
    await hub.close();
  });

  it('a new key is numbered under the DID, and its private half opens only under that id', () => {
    const key = newSealedKey(hub.ctx, did, 'th-bkk-itc', 7, '2026-11-20T10:00:00Z');
    expect(key).toMatchObject({
      id: `${did}#key-7`,
      spoke: 'th-bkk-itc',
      validUntil: null,
      compromisedFrom: null,
    });
    expect(key.publicKeyMultibase).toMatch(/^z6Mk/);
    expect(JSON.parse(hub.ctx.sealer.open(key.encryptedSecret, key.id))).toMatchObject({
      kty: 'OKP',
      crv: 'Ed25519',
    });
    expect(() => hub.ctx.sealer.open(key.encryptedSecret, `${did}#key-8`)).toThrow();
  });

  it('signedWithValidKey: the key must be the centre own and valid at the instant; a compromise from before it rejects', async () => {
    const repos = hub.ctx.store.repos;
    const key1 = `${did}#key-1`;
    const khKey = (await repos.spokes.keys('kh-ntti'))[0]!.id;
    expect(await signedWithValidKey(repos, 'th-bkk-itc', key1, '2026-11-20T10:00:00Z')).toBe(true);
    expect(await signedWithValidKey(repos, 'th-bkk-itc', khKey, '2026-11-20T10:00:00Z')).toBe(false);
    expect(await signedWithValidKey(repos, 'th-bkk-itc', `${did}#key-99`, '2026-11-20T10:00:00Z')).toBe(
      false,
    );
    // before the key existed (the hub was seeded on 2025-01-02)
    expect(await signedWithValidKey(repos, 'th-bkk-itc', key1, '2024-12-31T00:00:00Z')).toBe(false);
    hub.clock.set('2026-11-20T11:00:00Z');
    await rotateKey(hub.ctx, ADMIN, 'th-bkk-itc');
    // up to and including the rotation instant, not after
    expect(await signedWithValidKey(repos, 'th-bkk-itc', key1, '2026-11-20T11:00:00Z')).toBe(true);
    expect(await signedWithValidKey(repos, 'th-bkk-itc', key1, '2026-11-20T11:00:00.001Z')).toBe(false);
    await markKeyCompromised(hub.ctx, ADMIN, 'th-bkk-itc', 'key-1', '2026-11-20T09:00:00Z', 'leaked');
    expect(await signedWithValidKey(repos, 'th-bkk-itc', key1, '2026-11-20T08:59:59Z')).toBe(true);
    expect(await signedWithValidKey(repos, 'th-bkk-itc', key1, '2026-11-20T09:00:00Z')).toBe(false);
  });

  it('signingKeyFor opens the active key; a centre without one may not sign', async () => {
    const key = await signingKeyFor(hub.ctx, hub.ctx.store.repos, 'kh-ntti', 'did:example:controller');
    expect(key).toMatchObject({
      verificationMethod: expect.stringMatching(/kh-ntti#key-1$/),
      controller: 'did:example:controller',
    });
    expect(key.privateJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
    await rejects(signingKeyFor(hub.ctx, hub.ctx.store.repos, 'nowhere', 'did:example:x'), 'forbidden');
    expect(keyChangedError().code).toBe('conflict');
  });
});
