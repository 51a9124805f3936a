import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubStatusView } from '../../../src/services/verification/status-view.js';
import { issueCertificate, type CertifyRequest } from '../../../src/services/issuance/issue-certificate.js';
import { changeStatus } from '../../../src/services/issuance/status-lists.js';
import type { Repositories } from '../../../src/services/ports.js';
import { brickRequest, startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { KH_ISSUER } from '../../helpers/service-calls.js';

/** Status bits read from the hub's own lists (src/services/verification/status-view.ts). */
describe('hubStatusView', () => {
  let hub: TestHub;
  let index: number;
  let lists: string;
  let queries: { id: string; index: number }[][];
  let repos: Pick<Repositories, 'statusLists'>;
  beforeAll(async () => {
    hub = await startTestHub();
    const { id } = await issueCertificate(hub.ctx, KH_ISSUER, brickRequest() as CertifyRequest);
    const allocation = (await hub.ctx.store.repos.statusLists.allocationFor(id))!;
    index = allocation.index;
    lists = `${hub.ctx.publicUrl}/status-lists/kh-ntti-${allocation.listNumber}`;
    await changeStatus(hub.ctx, KH_ISSUER, { credentialId: id, purpose: 'suspension', status: true });
    const real = hub.ctx.store.repos.statusLists;
    // counts the queries: every entry of a certificate is read in one
    repos = {
      statusLists: {
        ...real,
        bits: async (lookups) => {
          queries.push([...lookups]);
          return real.bits(lookups);
        },
      },
    };
  });
  afterAll(async () => {
    await hub.close();
  });
  const lookupAll = (entries: { listUrl: string; index: number; purpose: string }[]) => {
    queries = [];
    return hubStatusView(repos, hub.ctx.publicUrl).lookupAll(entries);
  };

  it('a revocation entry is answered with its companion suspension bit, in one query', async () => {
    const [found] = await lookupAll([{ listUrl: `${lists}-revocation`, index, purpose: 'revocation' }]);
    expect(found).toMatchObject({
      found: true,
      set: false,
      suspension: { listUrl: `${lists}-suspension`, found: true, set: true },
    });
    expect(queries).toHaveLength(1);
    expect(queries[0]).toHaveLength(2);
  });

  it('a suspension entry is its own bit, without a companion', async () => {
    const [found] = await lookupAll([{ listUrl: `${lists}-suspension`, index, purpose: 'suspension' }]);
    expect(found).toMatchObject({ found: true, set: true });
    expect(found).not.toHaveProperty('suspension');
  });

  it('lists of other hosts are not fetched; unknown lists, indexes outside a list and another purpose are not found', async () => {
    const results = await lookupAll([
      { listUrl: 'https://other.example/status-lists/x-1-revocation', index, purpose: 'revocation' },
      { listUrl: `${hub.ctx.publicUrl}/status-lists/kh-ntti-99-revocation`, index, purpose: 'revocation' },
      { listUrl: `${lists}-revocation`, index: 131_072 * 8, purpose: 'revocation' },
      { listUrl: `${lists}-suspension`, index, purpose: 'revocation' },
    ]);
    expect(results.map((r) => r.found)).toEqual([false, false, false, false]);
    expect(results.map((r) => (r.found ? '' : r.message))).toEqual([
      expect.stringContaining('not a list of this hub'),
      expect.stringContaining('has no list'),
      expect.stringContaining('outside the list'),
      expect.stringContaining('is a suspension list, the status entry says revocation'),
    ]);
    // the foreign list was not asked of the store
    expect(queries.flat().some((q) => q.id.includes('x-1'))).toBe(false);
    expect(await lookupAll([])).toEqual([]);
    expect(queries).toEqual([]);
  });
});
