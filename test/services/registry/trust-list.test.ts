import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactVerify, decodeProtectedHeader, importJWK } from 'jose';
import {
  currentTrustList,
  signedTrustList,
  TRUST_LIST_VALIDITY_HOURS,
} from '../../../src/services/registry/trust-list.js';
import { ensureHubKey } from '../../../src/services/registry/hub-identity.js';
import { rotateKey } from '../../../src/services/registry/key-lifecycle.js';
import { TRUST_LIST_TYPE } from '../../../src/domain/trust-list.js';
import { multibaseToEd25519PublicKey } from '../../../src/adapters/crypto/keys/multikey.js';
import { startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { ADMIN } from '../../helpers/service-calls.js';

/** The trust list (src/services/registry/trust-list.ts): the registry as it stands, signed by the hub key. */
describe('trust list', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('holds the registry at its version, with each centre keys and accreditations, valid for a day', async () => {
    const list = await currentTrustList(hub.ctx);
    expect(list).toMatchObject({
      type: 'SkillPassTrustList',
      iss: hub.ctx.hubDid,
      publicUrl: hub.ctx.publicUrl,
      sequence: await hub.ctx.store.repos.meta.registryVersion(),
      issuedAt: '2026-11-20T10:00:00Z',
      nextUpdate: '2026-11-21T10:00:00Z',
    });
    expect(TRUST_LIST_VALIDITY_HOURS).toBe(24);
    expect(list).not.toHaveProperty('aliases'); // a hub that never moved has none
    const kh = list.spokes.find((s) => s.slug === 'kh-ntti')!;
    expect(kh.keys.map((k) => k.id)).toEqual([`${kh.did}#key-1`]);
    expect(kh.keys[0]).not.toHaveProperty('encryptedSecret');
    expect(kh.accreditations[0]?.qualifications).toContain('TH-BRICK-1');
    expect(list.qualifications.map((q) => q.code)).toContain('KH-SEW-2');
    expect(list.aqrfLevels).toHaveLength(8);
    const hubKey = await ensureHubKey(hub.ctx, hub.ctx.store.repos, '2026-11-20T10:00:00Z');
    expect(list.hubKeys).toEqual([{ id: hubKey.id, publicKeyMultibase: hubKey.publicKeyMultibase }]);
    // a registry change is a new sequence, with the change in it
    await rotateKey(hub.ctx, ADMIN, 'kh-ntti');
    const next = await currentTrustList(hub.ctx);
    expect(next.sequence).toBe(list.sequence + 1);
    expect(next.spokes.find((s) => s.slug === 'kh-ntti')!.keys).toHaveLength(2);
  });

  it('is signed as a compact JWS by the hub key, with its kid and type', async () => {
    const { jws, trustList } = await signedTrustList(hub.ctx);
    const header = decodeProtectedHeader(jws);
    expect(header).toEqual({ alg: 'EdDSA', kid: trustList.hubKeys[0]!.id, typ: TRUST_LIST_TYPE });
    const raw = multibaseToEd25519PublicKey(trustList.hubKeys[0]!.publicKeyMultibase);
    const key = await importJWK(
      { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') },
      'EdDSA',
    );
    const { payload } = await compactVerify(jws, key, { algorithms: ['EdDSA'] });
    expect(JSON.parse(new TextDecoder().decode(payload))).toEqual(trustList);
  });
});
