import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, check, issue, startTestHub, verify, type TestHub } from '../helpers/test-hub.js';
import { issueLegacyCertificate } from '../helpers/legacy-status.js';
import { decodeList, getBit } from '../../src/domain/bitstring.js';

/**
 * Certificates issued before certificates carried one status entry carry two (revocation,
 * suspension), naming both lists of their pair. They keep verifying with their current status,
 * and the status endpoint keeps changing them (src/services/issuance/status-lists.ts); new certificates
 * get indexes in the same pairs and name the revocation list only.
 */
describe('certificates issued with two status entries (a list pair)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub?.close();
  });

  const setStatus = (credentialId: string, statusPurpose: string, status: boolean) =>
    hub.app.inject({
      method: 'POST',
      url: '/credentials/status',
      headers: bearer(hub.tokens.khNtti),
      payload: {
        credentialId,
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose },
        status,
        reason: 'legacy',
      },
    });
  const served = async (listId: string) => {
    const res = await hub.app.inject({ url: `/status-lists/${listId}` });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const bitOf = async (listId: string, index: number) =>
    getBit(decodeList((await served(listId)).credentialSubject.encodedList), index);

  it('verifies valid by id and as sent (Data Integrity and JWT), its two lists are served as before', async () => {
    for (const format of ['di', 'vc+jwt'] as const) {
      const old = await issueLegacyCertificate(hub, { format });
      const entries =
        typeof old.credential === 'string'
          ? JSON.parse(Buffer.from(old.credential.split('.')[1]!, 'base64url').toString()).credentialStatus
          : old.credential.credentialStatus;
      expect(entries.map((e: any) => e.statusPurpose)).toEqual(['revocation', 'suspension']);
      for (const input of [{ id: old.id }, { credential: old.credential }]) {
        const r = await verify(hub, input);
        expect(r.outcome, `${format} ${Object.keys(input)[0]}`).toBe('valid');
        expect(check(r, 'status')).toMatchObject({
          outcome: 'valid',
          details: { snapshot: [{ purpose: 'revocation' }, { purpose: 'suspension' }] },
        });
      }
      for (const [purpose, listId] of Object.entries(old.lists)) {
        const list = await served(listId);
        expect(list.credentialSubject).toMatchObject({ type: 'BitstringStatusList', statusPurpose: purpose });
        expect(decodeList(list.credentialSubject.encodedList).length * 8).toBe(131_072);
        expect((await verify(hub, { credential: list })).checks.find((c) => c.id === 'proof')!.outcome).toBe(
          'valid',
        );
      }
    }
  });

  it('suspended, reinstated and revoked through POST /credentials/status, in its own lists; revocation stays final', async () => {
    const old = await issueLegacyCertificate(hub);
    expect((await setStatus(old.id, 'suspension', true)).statusCode).toBe(200);
    expect(await bitOf(old.lists.suspension, old.index)).toBe(true);
    expect(check(await verify(hub, { credential: old.credential }), 'status')).toMatchObject({
      outcome: 'invalid',
      code: 'suspended',
    });
    expect((await setStatus(old.id, 'suspension', false)).statusCode).toBe(200);
    expect(await bitOf(old.lists.suspension, old.index)).toBe(false);
    expect((await verify(hub, { id: old.id })).outcome).toBe('valid');
    expect((await setStatus(old.id, 'revocation', true)).statusCode).toBe(200);
    expect(await bitOf(old.lists.revocation, old.index)).toBe(true);
    expect(check(await verify(hub, { credential: old.credential }), 'status')).toMatchObject({
      outcome: 'invalid',
      code: 'revoked',
    });
    expect((await setStatus(old.id, 'revocation', false)).statusCode).toBe(409);
    expect((await setStatus(old.id, 'suspension', true)).statusCode).toBe(409);
    const audit = (await hub.ctx.store.repos.audit.all()).filter((e) => e.subject === old.id);
    expect(audit.map((e) => [e.action, (e.details as { list: string }).list])).toEqual([
      ['certificate.suspended', old.lists.suspension],
      ['certificate.reinstated', old.lists.suspension],
      ['certificate.revoked', old.lists.revocation],
    ]);
    // the centre's certificate list reads its status from the pair too
    const listed = (
      await hub.app.inject({
        url: `/certificates?q=${encodeURIComponent('Old Worker')}`,
        headers: bearer(hub.tokens.khNtti),
      })
    ).json();
    expect(listed.items.find((i: any) => i.id === old.id)).toMatchObject({ status: 'revoked' });
  });

  it('new certificates share the pairs: the next one gets an index in the same pair and names its revocation list only', async () => {
    const old = await issueLegacyCertificate(hub);
    const fresh = await issue(hub);
    const entry = (fresh.credential as Record<string, any>).credentialStatus;
    expect(entry).toMatchObject({
      statusPurpose: 'revocation',
      statusListCredential: `${hub.ctx.publicUrl}/status-lists/${old.lists.revocation}`,
    });
    expect(entry.statusListIndex).not.toBe(String(old.index));
    expect((await verify(hub, { credential: fresh.credential })).outcome).toBe('valid');
    // suspending the new one sets its bit in the pair's suspension list, the list the old certificate names
    expect((await setStatus(fresh.id, 'suspension', true)).statusCode).toBe(200);
    expect(await bitOf(old.lists.suspension, Number(entry.statusListIndex))).toBe(true);
    expect(check(await verify(hub, { credential: fresh.credential }), 'status')).toMatchObject({
      outcome: 'invalid',
      code: 'suspended',
    });
    expect((await verify(hub, { credential: old.credential })).outcome).toBe('valid');
  });
});
