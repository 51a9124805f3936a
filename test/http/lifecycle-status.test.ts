import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, check, issue, startTestHub, verify, type TestHub } from '../helpers/test-hub.js';
import { decodeList, getBit } from '../../src/domain/bitstring.js';
import { hashToken } from '../../src/services/access/tokens.js';
import { authorityToken } from '../helpers/recognition.js';

describe('certificate status: revocation and suspension', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  const setStatus = (
    credentialId: string,
    statusPurpose: string,
    status: boolean,
    token = hub.tokens.khNtti,
  ) =>
    hub.app.inject({
      method: 'POST',
      url: '/credentials/status',
      headers: bearer(token),
      payload: {
        credentialId,
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose },
        status,
        reason: 'test',
      },
    });
  /** the served bits of an entry's index: its revocation list's, and its companion suspension list's (same index) */
  const served = async (url: string) => (await hub.app.inject({ url: new URL(url).pathname })).json();
  const flags = async (entry: { statusListCredential: string; statusListIndex: string }) => {
    const bit = async (url: string) =>
      getBit(decodeList((await served(url)).credentialSubject.encodedList), Number(entry.statusListIndex));
    return {
      revoked: await bit(entry.statusListCredential),
      suspended: await bit(entry.statusListCredential.replace(/-revocation$/, '-suspension')),
    };
  };

  it('every certificate carries one revocation entry (one bit, the standard purpose), at a random index in a list of 131,072', async () => {
    const a = (await issue(hub)).credential as Record<string, any>;
    const b = (await issue(hub)).credential as Record<string, any>;
    // one object, not an array: OB 3.0's AchievementCredential has one credentialStatus
    expect(Array.isArray(a.credentialStatus)).toBe(false);
    expect(a.credentialStatus).toEqual({
      id: `${a.credentialStatus.statusListCredential}#${a.credentialStatus.statusListIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: expect.stringMatching(/^(0|[1-9]\d*)$/),
      statusListCredential: `${hub.ctx.publicUrl}/status-lists/kh-ntti-1-revocation`,
    });
    // the spec's MUST: the entry's id is not the list's URL
    expect(a.credentialStatus.id).not.toBe(a.credentialStatus.statusListCredential);
    expect(a.credentialStatus.statusListIndex).not.toBe(b.credentialStatus.statusListIndex);
    // 131,072 entries of one bit: 16 KB uncompressed, the spec's minimum for herd privacy; the companion suspension list the same
    for (const purpose of ['revocation', 'suspension']) {
      const list = await served(`${hub.ctx.publicUrl}/status-lists/kh-ntti-1-${purpose}`);
      expect(list.credentialSubject.statusPurpose).toBe(purpose);
      expect(decodeList(list.credentialSubject.encodedList).length * 8).toBe(131_072);
    }
  });

  it('serves each list as a signed BitstringStatusListCredential with cache headers and a 304 on a matching ETag', async () => {
    const vc = (await issue(hub)).credential as Record<string, any>;
    const path = new URL(vc.credentialStatus.statusListCredential).pathname;
    const res = await hub.app.inject({ url: path });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('max-age=');
    const list = res.json();
    expect(list.type).toContain('BitstringStatusListCredential');
    expect(list.issuer).toBe(vc.issuer.id);
    expect(list.proof.cryptosuite).toBe('eddsa-rdfc-2022');
    // spec §2.2: the list credential's fields
    expect(list['@context']).toEqual(['https://www.w3.org/ns/credentials/v2']);
    expect(list.id).toBe(vc.credentialStatus.statusListCredential);
    expect(list.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(list.validFrom).toEqual(expect.any(String));
    expect(list.credentialSubject).toEqual({
      id: `${list.id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: expect.stringMatching(/^u[A-Za-z0-9_-]+$/),
    });
    const again = await hub.app.inject({ url: path, headers: { 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect((await verify(hub, { credential: list })).checks.find((c) => c.id === 'proof')!.outcome).toBe(
      'valid',
    );
    // the companion suspension list (named by no certificate) is served and signed the same way
    const companion = await hub.app.inject({ url: path.replace(/-revocation$/, '-suspension') });
    expect(companion.statusCode).toBe(200);
    expect(companion.json()).toMatchObject({
      issuer: vc.issuer.id,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'suspension' },
    });
    expect(
      (await verify(hub, { credential: companion.json() })).checks.find((c) => c.id === 'proof')!.outcome,
    ).toBe('valid');
  });

  it('revocation: the list is re-signed, the bit is set, verification says revoked; revocation is final', async () => {
    const issued = await issue(hub);
    const vc = issued.credential as Record<string, any>;
    const entry = vc.credentialStatus;
    const before = await hub.app.inject({ url: new URL(entry.statusListCredential).pathname });
    const res = await setStatus(issued.id, 'revocation', true);
    expect(res.statusCode).toBe(200);
    const after = await hub.app.inject({ url: new URL(entry.statusListCredential).pathname });
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.json().proof.proofValue).not.toBe(before.json().proof.proofValue);
    expect(await flags(entry)).toEqual({ revoked: true, suspended: false });
    const r = await verify(hub, { id: issued.id });
    expect(r.outcome).toBe('invalid');
    expect(check(r, 'status')).toMatchObject({ outcome: 'invalid', code: 'revoked' });
    const undo = await setStatus(issued.id, 'revocation', false);
    expect(undo.statusCode).toBe(409);
    expect((await setStatus(issued.id, 'suspension', true)).statusCode).toBe(409);
    expect(check(await verify(hub, { id: issued.id }), 'status')!.code).toBe('revoked');
    expect(await flags(entry)).toEqual({ revoked: true, suspended: false });
  });

  it('suspension sets the bit of the companion suspension list (the revocation list stays clear); it can be lifted, the certificate is valid again', async () => {
    const issued = await issue(hub);
    const entry = (issued.credential as Record<string, any>).credentialStatus;
    expect((await setStatus(issued.id, 'suspension', true)).statusCode).toBe(200);
    expect(await flags(entry)).toEqual({ revoked: false, suspended: true });
    // by the certificate and by its id: the check reads the companion bit at the entry's index
    expect(check(await verify(hub, { id: issued.id }), 'status')).toMatchObject({
      outcome: 'invalid',
      code: 'suspended',
    });
    expect(check(await verify(hub, { credential: issued.credential }), 'status')).toMatchObject({
      outcome: 'invalid',
      code: 'suspended',
    });
    expect((await setStatus(issued.id, 'suspension', false)).statusCode).toBe(200);
    expect(await flags(entry)).toEqual({ revoked: false, suspended: false });
    expect((await verify(hub, { id: issued.id })).outcome).toBe('valid');
  });

  it('a suspended certificate can be revoked (both bits set: revoked); then neither reinstatement nor un-revoking is allowed', async () => {
    const issued = await issue(hub);
    const entry = (issued.credential as Record<string, any>).credentialStatus;
    expect((await setStatus(issued.id, 'suspension', true)).statusCode).toBe(200);
    expect((await setStatus(issued.id, 'revocation', true)).statusCode).toBe(200);
    expect(await flags(entry)).toEqual({ revoked: true, suspended: true });
    expect(check(await verify(hub, { id: issued.id }), 'status')).toMatchObject({
      outcome: 'invalid',
      code: 'revoked',
    });
    expect((await setStatus(issued.id, 'suspension', false)).statusCode).toBe(409);
    expect((await setStatus(issued.id, 'revocation', false)).statusCode).toBe(409);
    expect(await flags(entry)).toEqual({ revoked: true, suspended: true });
  });

  it("a centre cannot touch another centre's certificates (403), nor can an authority token (403)", async () => {
    const issued = await issue(hub);
    const auditBefore = (await hub.ctx.store.repos.audit.all()).length;
    for (const [purpose, status] of [
      ['revocation', true],
      ['suspension', true],
      ['suspension', false],
    ] as const) {
      const other = await setStatus(issued.id, purpose, status, hub.tokens.thBkk);
      expect(other.statusCode).toBe(403);
      expect(other.json().code).toBe('forbidden');
      expect((await setStatus(issued.id, purpose, status, await authorityToken(hub, 'TH'))).statusCode).toBe(
        403,
      );
    }
    expect((await verify(hub, { id: issued.id })).outcome).toBe('valid');
    expect((await hub.ctx.store.repos.audit.all()).length).toBe(auditBefore);
    expect(
      (await setStatus('urn:uuid:00000000-0000-4000-8000-000000000000', 'revocation', true)).statusCode,
    ).toBe(404);
  });

  describe('the hub admin (fraud found after the fact)', () => {
    const adminTokenId = async () =>
      (await hub.ctx.store.repos.tokens.findByHash(hashToken(hub.tokens.admin)))!.id;

    it("revokes any centre's certificate with a reason: verification says revoked; the audit entry names the admin and the reason", async () => {
      for (const token of [hub.tokens.khNtti, hub.tokens.thBkk]) {
        const issued = await issue(hub, undefined, token);
        const res = await hub.app.inject({
          method: 'POST',
          url: '/credentials/status',
          headers: bearer(hub.tokens.admin),
          payload: {
            credentialId: issued.id,
            credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
            status: true,
            reason: 'assessor bribed: case 2026-117',
          },
        });
        expect(res.statusCode, res.body).toBe(200);
        expect(check(await verify(hub, { id: issued.id }), 'status')).toMatchObject({
          outcome: 'invalid',
          code: 'revoked',
        });
        const entry = (await hub.ctx.store.repos.audit.all()).find(
          (e) => e.subject === issued.id && e.action === 'certificate.revoked',
        );
        expect(entry?.actor).toBe(await adminTokenId());
        expect(entry?.details).toMatchObject({
          reason: 'assessor bribed: case 2026-117',
          by: 'admin',
          purpose: 'revocation',
        });
      }
    });

    it("suspends and reinstates any centre's certificate with a reason", async () => {
      const issued = await issue(hub, undefined, hub.tokens.thBkk);
      expect((await setStatus(issued.id, 'suspension', true, hub.tokens.admin)).statusCode).toBe(200);
      expect(check(await verify(hub, { id: issued.id }), 'status')).toMatchObject({
        outcome: 'invalid',
        code: 'suspended',
      });
      expect((await setStatus(issued.id, 'suspension', false, hub.tokens.admin)).statusCode).toBe(200);
      expect((await verify(hub, { id: issued.id })).outcome).toBe('valid');
      const entries = (await hub.ctx.store.repos.audit.all()).filter(
        (e) => e.subject === issued.id && e.action !== 'certificate.issued',
      );
      expect(entries.map((e) => [e.action, e.actor, (e.details as { by?: string }).by])).toEqual([
        ['certificate.suspended', await adminTokenId(), 'admin'],
        ['certificate.reinstated', await adminTokenId(), 'admin'],
      ]);
    });

    it('must give a reason: none, or only spaces, is 400 naming reason, and nothing changes', async () => {
      const issued = await issue(hub);
      const auditBefore = (await hub.ctx.store.repos.audit.all()).length;
      for (const reason of [undefined, '   ']) {
        const res = await hub.app.inject({
          method: 'POST',
          url: '/credentials/status',
          headers: bearer(hub.tokens.admin),
          payload: {
            credentialId: issued.id,
            credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
            status: true,
            ...(reason === undefined ? {} : { reason }),
          },
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
    const entry = (await hub.ctx.store.repos.audit.all()).find(
      (e) => e.subject === issued.id && e.action === 'certificate.suspended',
    );
    expect(entry).toMatchObject({ details: { reason: 'test', purpose: 'suspension' } });
    expect(entry!.actor).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a status list of another host is not fetched: the status check is indeterminate', async () => {
    const { credential } = await issue(hub);
    const vc = credential as Record<string, any>;
    const list = (
      await hub.app.inject({ url: new URL(vc.credentialStatus.statusListCredential).pathname })
    ).json();
    // verify a credential whose status entry points elsewhere (content changed -> proof fails, but status is judged on its own)
    const moved = structuredClone(vc);
    moved.credentialStatus.statusListCredential = 'https://elsewhere.example/lists/1';
    const r = await verify(hub, { credential: moved });
    expect(check(r, 'status')).toMatchObject({ outcome: 'indeterminate', code: 'status-unavailable' });
    expect(list.id).toContain('/status-lists/');
  });

  it('verification answers say which registry version and status list snapshot they used', async () => {
    const issued = await issue(hub);
    const res = (
      await hub.app.inject({ method: 'POST', url: '/verifications', payload: { id: issued.id } })
    ).json();
    expect(res.registryVersion).toBe(await hub.ctx.store.repos.meta.registryVersion());
    const snapshot = res.checks.find((c: any) => c.id === 'status').details.snapshot;
    expect(snapshot).toHaveLength(1);
    expect(snapshot[0]).toMatchObject({
      purpose: 'revocation',
      list: `${hub.ctx.publicUrl}/status-lists/kh-ntti-1-revocation`,
      version: expect.any(String),
      suspension: {
        list: `${hub.ctx.publicUrl}/status-lists/kh-ntti-1-suspension`,
        version: expect.any(String),
      },
    });
  });
});
