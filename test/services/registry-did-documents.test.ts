import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryDidDocuments } from '../../src/services/hub-identity.js';
import { rotateKey } from '../../src/services/key-lifecycle.js';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';

/** Centre DID documents are kept per registry version: a rotated key is in the very next document. */
describe('registryDidDocuments', () => {
  let hub: TestHub;
  beforeAll(async () => { hub = await startTestHub(); });
  afterAll(async () => { await hub.close(); });

  it('builds a centre document once per registry version, and again after a key rotation', async () => {
    const repos = hub.ctx.store.repos;
    let reads = 0;
    const counting = { ...repos, spokes: { ...repos.spokes, keys: async (slug: string) => { reads++; return repos.spokes.keys(slug); } } };
    const docs = registryDidDocuments(hub.ctx.hubDid, hub.ctx.publicUrl, counting);
    const did = (await repos.spokes.get('kh-ntti'))!.did;
    const first = await docs.document(did);
    const again = await docs.document(did);
    expect(again).toBe(first);
    expect(reads).toBe(1);
    expect(Object.isFrozen(first)).toBe(true);
    await rotateKey(hub.ctx, { tokenId: 'admin', role: 'admin', spoke: null } as never, 'kh-ntti');
    const rotated = await docs.document(did);
    expect(reads).toBe(2);
    expect(rotated!.verificationMethod.length).toBe(first!.verificationMethod.length + 1);
    expect(await docs.document('did:web:nobody')).toBeUndefined();
  });
});
