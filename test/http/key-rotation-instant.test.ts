import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, check, issue, startTestHub, verify, type TestHub } from '../helpers/test-hub.js';
import { signAsCentre } from '../helpers/forge.js';
import { cohortCsv, waitForBatch } from '../helpers/cohorts.js';
import { wireOfflineVerification } from '../../src/wiring.js';
import { verifyCredential } from '../../src/services/verification/verify-credential.js';
import type { CredentialSigner } from '../../src/services/crypto-ports.js';
import type { Ed25519PrivateJwk } from '../../src/domain/keys.js';
import { checkIssuanceConsistency } from '../../src/services/cohorts/batch-consistency.js';

/**
 * Key rotation decided to the millisecond (README, "Key rotation"): a certificate signed with
 * the old key before the rotation, even in the same second, stays valid, online and with a saved
 * trust list; one signed with the old key after it does not; the hub never stores a signature
 * its registry would refuse, even when the key changes while it signs (single and cohort).
 */
describe('key rotation within a second', () => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await startTestHub('2026-11-20T10:00:00.400Z');
  });
  afterEach(async () => {
    await hub.close();
  });

  const at = (iso: string) => hub.clock.set(iso);
  const rotate = async () => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/registry/spokes/kh-ntti/keys/rotate',
      headers: bearer(hub.tokens.admin),
      payload: { reason: 'test' },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as {
      retired: { id: string; validUntil: string };
      current: { id: string; validFrom: string };
    };
  };
  const keyOf = (credential: unknown): string =>
    String((credential as { proof: { verificationMethod: string } }).proof.verificationMethod).split(
      '#',
    )[1] ?? '';
  /** the retired key's private half, as stored, to sign what the hub would not */
  const privateOf = async (id: string) => {
    const stored = (await hub.ctx.store.repos.spokes.activeSigningKey('kh-ntti'))!;
    expect(stored.id).toBe(id);
    return {
      verificationMethod: stored.id,
      privateJwk: JSON.parse(hub.ctx.sealer.open(stored.encryptedSecret, stored.id)) as Ed25519PrivateJwk,
    };
  };
  /** runs `during` once, while the next credential is being signed (signing happens outside any unit of work) */
  const duringNextSignature = (during: () => Promise<void>) => {
    const signer: CredentialSigner = hub.ctx.signer;
    const original = signer.signDataIntegrity;
    let done = false;
    signer.signDataIntegrity = async (...args) => {
      if (!done) {
        done = true;
        await during();
      }
      return original(...args);
    };
    return () => {
      signer.signDataIntegrity = original;
    };
  };
  const offline = async (credential: unknown) => {
    const jws = (await hub.app.inject({ url: '/registry/trust-list' })).body;
    const { deps } = await wireOfflineVerification({ trustListJws: jws, now: hub.ctx.clock().toISOString() });
    return verifyCredential(credential as Record<string, unknown>, deps);
  };

  it('signed with the old key at .400, rotated at .700: valid online and offline; the old key at .900 is key-rotated-out', async () => {
    const old = await issue(hub);
    const credential = old.credential as Record<string, any>;
    expect(credential.validFrom).toBe('2026-11-20T10:00:00.400Z');
    expect(credential.proof.created).toBe('2026-11-20T10:00:00.400Z');
    expect(keyOf(credential)).toBe('key-1');
    const key1 = await privateOf(credential.proof.verificationMethod);

    at('2026-11-20T10:00:00.700Z');
    const rotated = await rotate();
    expect(rotated.retired).toMatchObject({
      id: expect.stringMatching(/#key-1$/),
      validUntil: '2026-11-20T10:00:00.700Z',
    });
    expect(rotated.current).toMatchObject({
      id: expect.stringMatching(/#key-2$/),
      validFrom: '2026-11-20T10:00:00.700Z',
    });

    at('2026-11-20T10:00:00.900Z');
    const fresh = await issue(hub);
    expect(keyOf(fresh.credential)).toBe('key-2');
    const late = await signAsCentre(hub.ctx, 'kh-ntti', { issuedAt: '2026-11-20T10:00:00.900Z', ...key1 });
    const atRotation = await signAsCentre(hub.ctx, 'kh-ntti', {
      issuedAt: '2026-11-20T10:00:00.700Z',
      ...key1,
    });

    expect((await verify(hub, { id: old.id })).outcome).toBe('valid');
    expect((await verify(hub, { id: fresh.id })).outcome).toBe('valid');
    expect(check(await verify(hub, { credential: late }), 'issuer')).toMatchObject({
      outcome: 'invalid',
      code: 'key-rotated-out',
    });
    // the rotation instant itself belongs to both keys
    expect(check(await verify(hub, { credential: atRotation }), 'issuer')!.outcome).toBe('valid');

    // the saved trust list carries the same key windows: the same answers without the hub
    for (const [name, c, outcome] of [
      ['old', credential, 'valid'],
      ['fresh', fresh.credential, 'valid'],
      ['late', late, 'invalid'],
      ['atRotation', atRotation, 'valid'],
    ] as const) {
      const off = await offline(c);
      expect(check(off, 'issuer')!.outcome, name).toBe(outcome);
      expect(check(off, 'issuer'), name).toEqual(check(await verify(hub, { credential: c }), 'issuer'));
    }

    // the DID document lists the keys in the order they were made
    const doc = (await hub.app.inject({ url: '/spokes/kh-ntti/did.json' })).json();
    expect(
      doc.verificationMethod.filter((v: any) => v.type === 'Multikey').map((v: any) => v.id.split('#')[1]),
    ).toEqual(['key-1', 'key-2']);
    expect(
      doc.verificationMethod.filter((v: any) => v.type === 'JsonWebKey').map((v: any) => v.publicKeyJwk.x),
    ).toHaveLength(2);
  });

  it('a rotation while a certificate is being signed at an earlier instant: stored with the old key, valid', async () => {
    const restore = duringNextSignature(async () => {
      at('2026-11-20T10:00:00.700Z');
      await rotate();
    });
    try {
      const issued = await issue(hub);
      expect(keyOf(issued.credential)).toBe('key-1');
      expect((issued.credential as any).validFrom).toBe('2026-11-20T10:00:00.400Z');
      expect((await verify(hub, { id: issued.id })).outcome).toBe('valid');
    } finally {
      restore();
    }
  });

  it('a signature the registry no longer accepts is never stored: signed again with the current key', async () => {
    // a rotation recorded at an instant before this issuance's, after the issuance read the old key
    // (another replica whose clock is behind): the old key's signature at .900 would be key-rotated-out
    at('2026-11-20T10:00:00.900Z');
    const restore = duringNextSignature(async () => {
      at('2026-11-20T10:00:00.700Z');
      await rotate();
    });
    try {
      const issued = await issue(hub);
      expect(keyOf(issued.credential)).toBe('key-2');
      expect((issued.credential as any).validFrom).toBe('2026-11-20T10:00:00.700Z');
      expect((await verify(hub, { id: issued.id })).outcome).toBe('valid');
      const stored = await hub.ctx.store.repos.certificates.get(issued.id);
      expect(JSON.parse(stored!.serialized)).toEqual(issued.credential);
      const audit = (await hub.ctx.store.repos.audit.all()).filter((e) => e.subject === issued.id);
      expect(audit.map((e) => [e.action, (e.details as any).key.split('#')[1]])).toEqual([
        ['certificate.issued', 'key-2'],
      ]);
    } finally {
      restore();
    }
  });

  it('a rotation while a cohort commits, at the very instant its certificates are dated: every certificate verifies valid', async () => {
    const upload = await hub.app.inject({
      method: 'POST',
      url: '/batches',
      headers: { 'content-type': 'text/csv', ...bearer(hub.tokens.khNtti) },
      payload: cohortCsv(120, 'Rotation'),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const batch = upload.json();
    // the clock stands still: the rotation and the certificates share the instant 10:00:00.400
    const restore = duringNextSignature(async () => {
      await rotate();
    });
    try {
      expect(
        (
          await hub.app.inject({
            method: 'POST',
            url: `/batches/${batch.id}/commit`,
            headers: bearer(hub.tokens.khNtti),
          })
        ).statusCode,
      ).toBe(202);
      const done = await waitForBatch(hub, batch.id, hub.tokens.khNtti);
      expect(done.counts).toMatchObject({ issued: 120, failed: 0, pending: 0 });
    } finally {
      restore();
    }
    const rows = (
      await hub.app.inject({ url: `/batches/${batch.id}/rows`, headers: bearer(hub.tokens.khNtti) })
    ).json().rows as { certificateId: string }[];
    const keys = new Map<string, number>();
    for (const r of rows) {
      const credential = JSON.parse(
        (await hub.ctx.store.repos.certificates.get(r.certificateId))!.serialized,
      );
      expect(credential.validFrom).toBe('2026-11-20T10:00:00.400Z');
      keys.set(keyOf(credential), (keys.get(keyOf(credential)) ?? 0) + 1);
      const result = await verify(hub, { id: r.certificateId });
      expect(
        result.outcome,
        `${r.certificateId} ${JSON.stringify(result.checks.filter((c) => c.outcome !== 'valid'))}`,
      ).toBe('valid');
    }
    // the first chunk was signed with key 1 while the rotation ran; the last was prepared after it
    expect([...keys.keys()].sort()).toEqual(['key-1', 'key-2']);
  });

  it('a cohort chunk signed with a key the registry no longer accepts at its instant is signed again, each row once', async () => {
    at('2026-11-20T10:00:00.900Z');
    const upload = await hub.app.inject({
      method: 'POST',
      url: '/batches',
      headers: { 'content-type': 'text/csv', ...bearer(hub.tokens.khNtti) },
      payload: cohortCsv(20, 'Resigned'),
    });
    const batch = upload.json();
    // while the only chunk is signed with key 1 at .900, a rotation is recorded at .700 (a replica whose clock is behind)
    const restore = duringNextSignature(async () => {
      at('2026-11-20T10:00:00.700Z');
      await rotate();
    });
    try {
      expect(
        (
          await hub.app.inject({
            method: 'POST',
            url: `/batches/${batch.id}/commit`,
            headers: bearer(hub.tokens.khNtti),
          })
        ).statusCode,
      ).toBe(202);
      const done = await waitForBatch(hub, batch.id, hub.tokens.khNtti);
      expect(done.counts).toMatchObject({ issued: 20, failed: 0, pending: 0 });
    } finally {
      restore();
    }
    const rows = (
      await hub.app.inject({ url: `/batches/${batch.id}/rows`, headers: bearer(hub.tokens.khNtti) })
    ).json().rows as { certificateId: string }[];
    for (const r of rows) {
      const credential = JSON.parse(
        (await hub.ctx.store.repos.certificates.get(r.certificateId))!.serialized,
      );
      expect([keyOf(credential), credential.validFrom]).toEqual(['key-2', '2026-11-20T10:00:00.700Z']);
      expect((await verify(hub, { id: r.certificateId })).outcome).toBe('valid');
    }
    const issuedEntries = (await hub.ctx.store.repos.audit.all()).filter(
      (e) => e.action === 'certificate.issued' && (e.details as any).batch === batch.id,
    );
    expect(issuedEntries).toHaveLength(20);
    expect(await checkIssuanceConsistency(hub.ctx)).toMatchObject({ ok: true });
  });
});
