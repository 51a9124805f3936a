import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactVerify, decodeProtectedHeader, importJWK, type CryptoKey } from 'jose';
import { bearer, startTestHub, type TestHub } from '../helpers/test-hub.js';
import { multibaseToEd25519PublicKey } from '../../src/adapters/crypto/keys/multikey.js';

/**
 * GET /registry/trust-list, checked the way an outside verifier would: a standard JOSE
 * library and nothing but the hub key published in its DID document.
 */
describe('the signed trust list', () => {
  let hub: TestHub;
  let hubKey: CryptoKey | Uint8Array;
  let hubKeyId: string;

  beforeAll(async () => {
    hub = await startTestHub();
    const did = (await hub.app.inject({ url: '/.well-known/did.json' })).json();
    const vm = did.verificationMethod[0];
    expect(vm.type).toBe('Multikey');
    expect(vm.publicKeyMultibase).toMatch(/^z6Mk/);
    hubKeyId = vm.id;
    // Multikey -> raw Ed25519 (base58btc decoded, 0xed01 prefix stripped) -> a JWK jose imports
    const raw = multibaseToEd25519PublicKey(vm.publicKeyMultibase);
    expect(raw).toHaveLength(32);
    hubKey = await importJWK(
      { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') },
      'EdDSA',
    );
  });
  afterAll(async () => {
    await hub.close();
  });

  const fetchJws = async (): Promise<string> => {
    const res = await hub.app.inject({ url: '/registry/trust-list' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/jwt');
    return res.body;
  };
  const verified = async (jws: string) => {
    const { payload, protectedHeader } = await compactVerify(jws, hubKey, { algorithms: ['EdDSA'] });
    return { header: protectedHeader, payload: JSON.parse(new TextDecoder().decode(payload)) };
  };

  it('is a compact JWS that jose verifies with the hub key from /.well-known/did.json, with typ and kid', async () => {
    const jws = await fetchJws();
    expect(jws.split('.')).toHaveLength(3);
    const { header, payload } = await verified(jws);
    expect(header).toEqual({ alg: 'EdDSA', typ: 'skillpass-trust-list+jwt', kid: hubKeyId });
    expect(payload).toMatchObject({
      type: 'SkillPassTrustList',
      version: 1,
      iss: hub.ctx.hubDid,
      publicUrl: hub.ctx.publicUrl,
    });
    expect(payload.hubKeys).toEqual([{ id: hubKeyId, publicKeyMultibase: expect.stringMatching(/^z6Mk/) }]);
  });

  it('carries centres with keys and validity windows, accreditations with history, qualifications, frameworks with referencing', async () => {
    const { payload } = await verified(await fetchJws());
    expect(payload.sequence).toBe(await hub.ctx.store.repos.meta.registryVersion());
    expect(payload.issuedAt).toBe('2026-11-20T10:00:00Z');
    expect(Date.parse(payload.nextUpdate) - Date.parse(payload.issuedAt)).toBe(24 * 3_600_000);

    expect(payload.spokes.map((s: any) => s.slug).sort()).toEqual(['kh-ntti', 'th-bkk-itc']);
    const ntti = payload.spokes.find((s: any) => s.slug === 'kh-ntti');
    expect(ntti).toMatchObject({
      did: `${hub.ctx.hubDid}:spokes:kh-ntti`,
      name: expect.any(String),
      country: 'KH',
    });
    expect(ntti.keys[0]).toMatchObject({
      id: `${ntti.did}#key-1`,
      publicKeyMultibase: expect.stringMatching(/^z6Mk/),
      validFrom: expect.any(String),
      validUntil: null,
      compromisedFrom: null,
    });
    expect(ntti.keys[0]).not.toHaveProperty('encryptedSecret');
    expect(ntti.accreditations[0]).toMatchObject({
      id: expect.any(String),
      qualifications: expect.arrayContaining(['TH-BRICK-1']),
      validFrom: expect.any(String),
      validUntil: expect.any(String),
    });

    expect(payload.qualifications.find((q: any) => q.code === 'TH-BRICK-1')).toMatchObject({
      framework: expect.any(String),
      level: 1,
      isco08: expect.any(String),
    });
    const withReferencing = payload.frameworks.filter((f: any) => f.referencing.length > 0);
    expect(withReferencing.length).toBeGreaterThan(0);
    expect(withReferencing[0].referencing[0]).toMatchObject({
      effectiveFrom: expect.any(String),
      status: expect.any(String),
      levels: expect.any(Object),
    });
    expect(payload.aqrfLevels).toHaveLength(8);
    // nothing secret rides along
    expect(JSON.stringify(payload)).not.toMatch(/encryptedSecret|"d":/);
  });

  it('?format=json returns the same JWS with the decoded payload next to it', async () => {
    const res = (await hub.app.inject({ url: '/registry/trust-list?format=json' })).json();
    expect((await verified(res.jws)).payload).toEqual(res.trustList);
  });

  it('its sequence does not move on a plain GET, and increases with an accreditation change and a key rotation, which it then shows', async () => {
    const first = (await verified(await fetchJws())).payload;
    const again = (await verified(await fetchJws())).payload;
    expect(again.sequence).toBe(first.sequence);

    const accreditation = first.spokes.find((s: any) => s.slug === 'kh-ntti').accreditations[0];
    const changed = await hub.app.inject({
      method: 'POST',
      url: `/registry/spokes/kh-ntti/accreditations/${accreditation.id}/changes`,
      headers: bearer(hub.tokens.admin),
      payload: { kind: 'suspended', effectiveFrom: '2026-12-01', reason: 'audit' },
    });
    expect(changed.statusCode).toBe(201);
    const afterChange = (await verified(await fetchJws())).payload;
    expect(afterChange.sequence).toBe(first.sequence + 1);
    expect(afterChange.spokes.find((s: any) => s.slug === 'kh-ntti').accreditations[0].events).toEqual([
      expect.objectContaining({ kind: 'suspended', effectiveFrom: '2026-12-01', reason: 'audit' }),
    ]);

    const rotated = await hub.app.inject({
      method: 'POST',
      url: '/registry/spokes/kh-ntti/keys/rotate',
      headers: bearer(hub.tokens.admin),
      payload: { reason: 'yearly' },
    });
    expect(rotated.statusCode).toBe(201);
    const afterRotation = (await verified(await fetchJws())).payload;
    expect(afterRotation.sequence).toBe(first.sequence + 2);
    const keys = afterRotation.spokes.find((s: any) => s.slug === 'kh-ntti').keys;
    expect(keys.map((k: any) => [k.id.split('#')[1], k.validUntil])).toEqual([
      ['key-1', '2026-11-20T10:00:00Z'],
      ['key-2', null],
    ]);
    expect((await verified(await fetchJws())).payload.sequence).toBe(afterRotation.sequence);
  });

  it('fails verification when one payload byte is flipped, a claim is edited, or a signature bit is flipped', async () => {
    const jws = await fetchJws();
    const [header, payload, signature] = jws.split('.') as [string, string, string];
    const bytes = Buffer.from(payload, 'base64url');
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    const flipped = `${header}.${bytes.toString('base64url')}.${signature}`;
    expect(decodeProtectedHeader(flipped).typ).toBe('skillpass-trust-list+jwt');
    await expect(compactVerify(flipped, hubKey, { algorithms: ['EdDSA'] })).rejects.toThrow(
      /signature verification failed/,
    );

    // an edited payload (a stale list passed off as fresh) under the original signature
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const edited = Buffer.from(JSON.stringify({ ...claims, nextUpdate: '2099-01-01T00:00:00Z' })).toString(
      'base64url',
    );
    await expect(
      compactVerify(`${header}.${edited}.${signature}`, hubKey, { algorithms: ['EdDSA'] }),
    ).rejects.toThrow(/signature verification failed/);

    const sig = Buffer.from(signature, 'base64url');
    sig[0]! ^= 0x80;
    await expect(
      compactVerify(`${header}.${payload}.${sig.toString('base64url')}`, hubKey, { algorithms: ['EdDSA'] }),
    ).rejects.toThrow(/signature verification failed/);
  });
});
