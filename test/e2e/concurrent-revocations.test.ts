import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';
import { allocateStatus } from '../../src/services/issuance/status-lists.js';
import { decodeList, getBit } from '../../src/domain/bitstring.js';
import { verifyChain } from '../../src/domain/audit-chain.js';

/**
 * A burst of revocations against one status list, over a real socket: every one must land
 * (the bit is set in one atomic step per request), none may set another bit, and the audit
 * chain must stay a single unbroken chain.
 */
const COUNT = 2_000;
const IN_FLIGHT = Number(process.env.REVOCATIONS_IN_FLIGHT ?? 400); // global fetch (undici) opens a socket per request in flight

describe(`${COUNT} concurrent revocations on one status list over HTTP`, () => {
  let hub: TestHub;
  let base: string;
  const certs: { id: string; index: number }[] = [];
  let list: string;

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.app.listen({ host: '127.0.0.1', port: 0 });
    const address = hub.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');
    base = `http://127.0.0.1:${address.port}`;

    // Fixtures: 2,000 certificate rows with their status allocations, written straight through
    // the store in one transaction (signing 2,000 real credentials would take minutes on this
    // machine). The revocation path (changeStatus) reads only the certificate row's spoke and
    // the status allocation, never the credential body, so the placeholder body is never read.
    const now = '2026-11-20T10:00:00Z';
    await hub.ctx.store.transaction(async (repos) => {
      for (let i = 0; i < COUNT; i++) {
        const id = `urn:uuid:${randomUUID()}`;
        const { allocation } = await allocateStatus(repos, hub.ctx.publicUrl, 'kh-ntti', id, now);
        await repos.certificates.insert({
          id,
          spoke: 'kh-ntti',
          qualification: 'TH-BRICK-1',
          format: 'di',
          serialized: '{"fixture":true}',
          issuedAt: now,
          validUntil: '2031-11-20T10:00:00Z',
        });
        expect(allocation.listNumber).toBe(1);
        certs.push({ id, index: allocation.index });
      }
    });
    const lists = (await hub.ctx.store.repos.statusLists.listIds('kh-ntti', 1))!;
    list = lists.revocation;
  }, 60_000);
  afterAll(async () => {
    await hub.close();
  });

  const listBits = async (id: string) => {
    const res = await fetch(`${base}/status-lists/${id}`);
    expect(res.status).toBe(200);
    const credential = (await res.json()) as { credentialSubject: { encodedList: string } };
    return decodeList(credential.credentialSubject.encodedList);
  };
  const popcount = (bits: Uint8Array) =>
    bits.reduce((n, b) => {
      let x = b;
      while (x) {
        n += x & 1;
        x >>= 1;
      }
      return n;
    }, 0);

  it('every revocation answers 200, every bit is set, no other bit is, and the audit chain holds 2,000 revocations', async () => {
    expect(new Set(certs.map((c) => c.index)).size).toBe(COUNT); // one index per certificate
    expect(popcount(await listBits(list))).toBe(0);

    const revoke = async (c: { id: string }) => {
      const res = await fetch(`${base}/credentials/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.tokens.khNtti}` },
        body: JSON.stringify({
          credentialId: c.id,
          credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
          status: true,
          reason: 'burst',
        }),
      });
      return {
        status: res.status,
        body: (await res.json()) as { credentialId: string; listVersion: number },
      };
    };
    // a pool of IN_FLIGHT workers: IN_FLIGHT requests open at any moment until all are sent
    const results: { status: number; body: { credentialId: string; listVersion: number } }[] = new Array(
      COUNT,
    );
    let next = 0;
    let open = 0;
    let maxOpen = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < COUNT) {
          const i = next++;
          open++;
          maxOpen = Math.max(maxOpen, open);
          results[i] = await revoke(certs[i]!);
          open--;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `${COUNT} revocations, ${maxOpen} in flight: ${seconds.toFixed(1)} s (${(COUNT / seconds).toFixed(0)}/s)`,
    );
    expect(maxOpen).toBe(IN_FLIGHT);

    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    expect(results.map((r) => r.body.credentialId)).toEqual(certs.map((c) => c.id));
    // each change got its own list version: no two requests read-modify-wrote the same state
    expect(new Set(results.map((r) => r.body.listVersion)).size).toBe(COUNT);

    // read every bit back from the served (signed, re-signed after the burst) list
    const bits = await listBits(list);
    expect(bits.length * 8).toBe(131_072);
    const unset = certs.filter((c) => !getBit(bits, c.index));
    expect(unset).toEqual([]);
    expect(popcount(bits)).toBe(COUNT); // and no bit besides them

    const audit = await hub.ctx.store.repos.audit.all();
    const revoked = audit.filter((e) => e.action === 'certificate.revoked');
    expect(revoked).toHaveLength(COUNT);
    expect(new Set(revoked.map((e) => e.subject))).toEqual(new Set(certs.map((c) => c.id)));
    expect(revoked.every((e) => e.details.list === list)).toBe(true);
    expect(verifyChain(audit)).toEqual({ ok: true, length: audit.length });
  }, 60_000);
});
