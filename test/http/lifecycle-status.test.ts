import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, check, issue, startTestHub, verify, type TestHub } from '../helpers/test-hub.js';
import { decodeList, getBit } from '../../src/domain/bitstring.js';
import { hashToken } from '../../src/services/tokens.js';
import { authorityToken } from '../helpers/recognition.js';

describe('certificate status: revocation and suspension', () => {
  let hub: TestHub;
  beforeAll(async () => { hub = await startTestHub(); });
  afterAll(async () => { await hub.close(); });

  const setStatus = (credentialId: string, statusPurpose: string, status: boolean, token = hub.tokens.khNtti) => hub.app.inject({
    method: 'POST', url: '/credentials/status', headers: bearer(token),
    payload: { credentialId, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose }, status, reason: 'test' },
  });
  const listBit = async (listUrl: string, index: number) => {
    const list = (await hub.app.inject({ url: new URL(listUrl).pathname })).json();
    return getBit(decodeList(list.credentialSubject.encodedList), index);
  };

  it('every certificate carries revocation and suspension entries at one random index in lists of 131,072', async () => {
    const a = (await issue(hub)).credential as Record<string, any>;
    const b = (await issue(hub)).credential as Record<string, any>;
    expect(a.credentialStatus.map((e: any) => e.statusPurpose)).toEqual(['revocation', 'suspension']);
    expect(a.credentialStatus[0].statusListIndex).toBe(a.credentialStatus[1].statusListIndex);
    expect(a.credentialStatus[0].statusListIndex).not.toBe(b.credentialStatus[0].statusListIndex);
    const list = (await hub.app.inject({ url: new URL(a.credentialStatus[0].statusListCredential).pathname })).json();
    expect(decodeList(list.credentialSubject.encodedList).length * 8).toBe(131_072);
  });

  it('serves each list as a signed BitstringStatusListCredential with cache headers and a 304 on a matching ETag', async () => {
    const vc = (await issue(hub)).credential as Record<string, any>;
    const path = new URL(vc.credentialStatus[0].statusListCredential).pathname;
    const res = await hub.app.inject({ url: path });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('max-age=');
    const list = res.json();
    expect(list.type).toContain('BitstringStatusListCredential');
    expect(list.issuer).toBe(vc.issuer.id);
    expect(list.proof.cryptosuite).toBe('eddsa-rdfc-2022');
    const again = await hub.app.inject({ url: path, headers: { 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect((await verify(hub, { credential: list })).checks.find((c) => c.id === 'proof')!.outcome).toBe('valid');
  });

  it('revocation: the list is re-signed, the bit is set, verification says revoked; revocation is final', async () => {
    const issued = await issue(hub);
    const vc = issued.credential as Record<string, any>;
    const entry = vc.credentialStatus[0];
    const before = await hub.app.inject({ url: new URL(entry.statusListCredential).pathname });
    const res = await setStatus(issued.id, 'revocation', true);
    expect(res.statusCode).toBe(200);
    const after = await hub.app.inject({ url: new URL(entry.statusListCredential).pathname });
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.json().proof.proofValue).not.toBe(before.json().proof.proofValue);
    expect(await listBit(entry.statusListCredential, Number(entry.statusListIndex))).toBe(true);
    const r = await verify(hub, { id: issued.id });
    expect(r.outcome).toBe('invalid');
    expect(check(r, 'status')).toMatchObject({ outcome: 'invalid', code: 'revoked' });
    const undo = await setStatus(issued.id, 'revocation', false);
    expect(undo.statusCode).toBe(409);
    expect((await setStatus(issued.id, 'suspension', true)).statusCode).toBe(409);
    expect(check(await verify(hub, { id: issued.id }), 'status')!.code).toBe('revoked');
  });

  it('suspension can be lifted; the certificate is valid again', async () => {
    const issued = await issue(hub);
    expect((await setStatus(issued.id, 'suspension', true)).statusCode).toBe(200);
    expect(check(await verify(hub, { id: issued.id }), 'status')).toMatchObject({ outcome: 'invalid', code: 'suspended' });
    expect((await setStatus(issued.id, 'suspension', false)).statusCode).toBe(200);
    expect((await verify(hub, { id: issued.id })).outcome).toBe('valid');
  });

  it('a centre cannot touch another centre\'s certificates (403), nor can an authority token (403)', async () => {
    const issued = await issue(hub);
    const auditBefore = (await hub.ctx.store.repos.audit.all()).length;
    for (const [purpose, status] of [['revocation', true], ['suspension', true], ['suspension', false]] as const) {
      const other = await setStatus(issued.id, purpose, status, hub.tokens.thBkk);
      expect(other.statusCode).toBe(403);
      expect(other.json().code).toBe('forbidden');
      expect((await setStatus(issued.id, purpose, status, await authorityToken(hub, 'TH'))).statusCode).toBe(403);
    }
    expect((await verify(hub, { id: issued.id })).outcome).toBe('valid');
    expect((await hub.ctx.store.repos.audit.all()).length).toBe(auditBefore);
    expect((await setStatus('urn:uuid:00000000-0000-4000-8000-000000000000', 'revocation', true)).statusCode).toBe(404);
  });

  describe('the hub admin (fraud found after the fact)', () => {
    const adminTokenId = async () => (await hub.ctx.store.repos.tokens.findByHash(hashToken(hub.tokens.admin)))!.id;

    it('revokes any centre\'s certificate with a reason: verification says revoked; the audit entry names the admin and the reason', async () => {
      for (const token of [hub.tokens.khNtti, hub.tokens.thBkk]) {
        const issued = await issue(hub, undefined, token);
        const res = await hub.app.inject({
          method: 'POST', url: '/credentials/status', headers: bearer(hub.tokens.admin),
          payload: { credentialId: issued.id, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' }, status: true, reason: 'assessor bribed: case 2026-117' },
        });
        expect(res.statusCode, res.body).toBe(200);
        expect(check(await verify(hub, { id: issued.id }), 'status')).toMatchObject({ outcome: 'invalid', code: 'revoked' });
        const entry = (await hub.ctx.store.repos.audit.all()).find((e) => e.subject === issued.id && e.action === 'certificate.revoked');
        expect(entry?.actor).toBe(await adminTokenId());
        expect(entry?.details).toMatchObject({ reason: 'assessor bribed: case 2026-117', by: 'admin', purpose: 'revocation' });
      }
    });

    it('suspends and reinstates any centre\'s certificate with a reason', async () => {
      const issued = await issue(hub, undefined, hub.tokens.thBkk);
      expect((await setStatus(issued.id, 'suspension', true, hub.tokens.admin)).statusCode).toBe(200);
      expect(check(await verify(hub, { id: issued.id }), 'status')).toMatchObject({ outcome: 'invalid', code: 'suspended' });
      expect((await setStatus(issued.id, 'suspension', false, hub.tokens.admin)).statusCode).toBe(200);
      expect((await verify(hub, { id: issued.id })).outcome).toBe('valid');
      const entries = (await hub.ctx.store.repos.audit.all()).filter((e) => e.subject === issued.id && e.action !== 'certificate.issued');
      expect(entries.map((e) => [e.action, e.actor, (e.details as { by?: string }).by])).toEqual([
        ['certificate.suspended', await adminTokenId(), 'admin'], ['certificate.reinstated', await adminTokenId(), 'admin'],
      ]);
    });

    it('must give a reason: none, or only spaces, is 400 naming reason, and nothing changes', async () => {
      const issued = await issue(hub);
      const auditBefore = (await hub.ctx.store.repos.audit.all()).length;
      for (const reason of [undefined, '   ']) {
        const res = await hub.app.inject({
          method: 'POST', url: '/credentials/status', headers: bearer(hub.tokens.admin),
          payload: { credentialId: issued.id, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' }, status: true, ...(reason === undefined ? {} : { reason }) },
        });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ code: 'validation-failed', details: { field: 'reason' } });
      }
      expect((await verify(hub, { id: issued.id })).outcome).toBe('valid');
      expect((await hub.ctx.store.repos.audit.all()).length).toBe(auditBefore);
    });
  });

  it('status changes are audited with actor and reason', async () => {
    const issued = await issue(hub);
    await setStatus(issued.id, 'suspension', true);
    const entry = (await hub.ctx.store.repos.audit.all()).find((e) => e.subject === issued.id && e.action === 'certificate.suspended');
    expect(entry).toMatchObject({ details: { reason: 'test', purpose: 'suspension' } });
    expect(entry!.actor).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a status list of another host is not fetched: the status check is indeterminate', async () => {
    const { credential } = await issue(hub);
    const vc = credential as Record<string, any>;
    const list = (await hub.app.inject({ url: new URL(vc.credentialStatus[0].statusListCredential).pathname })).json();
    // verify a credential whose status entries point elsewhere (content changed -> proof fails, but status is judged on its own)
    const moved = structuredClone(vc);
    for (const e of moved.credentialStatus) e.statusListCredential = 'https://elsewhere.example/lists/1';
    const r = await verify(hub, { credential: moved });
    expect(check(r, 'status')).toMatchObject({ outcome: 'indeterminate', code: 'status-unavailable' });
    expect(list.id).toContain('/status-lists/');
  });

  it('verification answers say which registry version and status list snapshot they used', async () => {
    const issued = await issue(hub);
    const res = (await hub.app.inject({ method: 'POST', url: '/verifications', payload: { id: issued.id } })).json();
    expect(res.registryVersion).toBe(await hub.ctx.store.repos.meta.registryVersion());
    const snapshot = res.checks.find((c: any) => c.id === 'status').details.snapshot;
    expect(snapshot).toHaveLength(2);
    expect(snapshot[0]).toMatchObject({ purpose: 'revocation', list: expect.stringContaining('/status-lists/'), version: expect.any(String) });
  });
});
