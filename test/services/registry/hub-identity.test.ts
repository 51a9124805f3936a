import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryDidDocuments } from '../../../src/services/registry/hub-identity.js';
import { rotateKey } from '../../../src/services/registry/key-lifecycle.js';
import { brickRequest, issue, startTestHub, verify, type TestHub } from '../../helpers/test-hub.js';

/** Centre DID documents are kept per registry version: a rotated key is in the very next document. */
describe('registryDidDocuments', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('builds a centre document once per registry version, and again after a key rotation', async () => {
    const repos = hub.ctx.store.repos;
    let reads = 0;
    const counting = {
      ...repos,
      spokes: {
        ...repos.spokes,
        keys: async (slug: string) => {
          reads++;
          return repos.spokes.keys(slug);
        },
      },
    };
    const docs = registryDidDocuments(hub.ctx.aliases, counting, hub.ctx.keys);
    const did = (await repos.spokes.get('kh-ntti'))!.did;
    const first = await docs.document(did);
    const again = await docs.document(did);
    expect(again).toBe(first);
    expect(reads).toBe(1);
    expect(Object.isFrozen(first)).toBe(true);
    await rotateKey(hub.ctx, { tokenId: 'admin', role: 'admin', spoke: null } as never, 'kh-ntti');
    const rotated = await docs.document(did);
    expect(reads).toBe(2);
    // the new key as a Multikey method and as a JsonWebKey method
    expect(rotated!.verificationMethod.length).toBe(first!.verificationMethod.length + 2);
    expect(await docs.document('did:web:nobody')).toBeUndefined();
  });

  it("a verification reads the registry version once: the issuer's DID document comes from the version it read", async () => {
    const meta = hub.ctx.store.repos.meta;
    const read = meta.registryVersion;
    let reads = 0;
    meta.registryVersion = async () => {
      reads++;
      return read();
    };
    try {
      for (const format of ['di', 'vc+jwt'] as const) {
        const { credential } = await issue(hub, brickRequest({ format }));
        expect(typeof credential, format).toBe(format === 'di' ? 'object' : 'string');
        reads = 0;
        expect((await verify(hub, { credential })).outcome, format).toBe('valid');
        expect(reads, format).toBe(1);
      }
    } finally {
      meta.registryVersion = read;
    }
  });
});
