import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertOperatorKeyOpensKeys,
  ensureHubKey,
  HUB_KEY,
  registryDidDocuments,
} from '../../../src/services/registry/hub-identity.js';
import type { Repositories } from '../../../src/services/ports.js';
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

/** The hub's own key (ensureHubKey) and the start-up check that the operator key opens it. */
describe('the hub key', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });
  /** secrets in memory, where another replica may have stored the key first */
  const secrets = (first?: string) => {
    const held = new Map<string, string>(first ? [[HUB_KEY, first]] : []);
    let hidden = first !== undefined; // the racing replica's key is not seen by the first read
    const repo: Pick<Repositories, 'secrets'> = {
      secrets: {
        get: async (name) => (hidden ? ((hidden = false), undefined) : held.get(name)),
        put: async (name, value) => void held.set(name, value),
        putIfAbsent: async (name, value) => (held.has(name) ? false : (held.set(name, value), true)),
      },
    };
    return repo;
  };

  it("is made once, as the hub DID's key-1, and the same key is answered after", async () => {
    const key = await ensureHubKey(hub.ctx, hub.ctx.store.repos, '2026-11-20T10:00:00Z');
    expect(key.id).toBe(`${hub.ctx.hubDid}#key-1`);
    expect(await ensureHubKey(hub.ctx, hub.ctx.store.repos, '2027-01-01T00:00:00Z')).toEqual(key);
    const fresh = secrets();
    const made = await ensureHubKey(hub.ctx, fresh, '2026-11-20T10:00:00Z');
    expect(made.validFrom).toBe('2026-11-20T10:00:00Z');
    expect(await ensureHubKey(hub.ctx, fresh, '2026-11-21T10:00:00Z')).toEqual(made);
  });

  it('replicas starting together: the key stored first is the one every replica uses', async () => {
    const first = JSON.stringify({ id: 'did:web:elsewhere#key-1', publicKeyMultibase: 'z6Mkfirst' });
    const raced = secrets(first);
    expect(await ensureHubKey(hub.ctx, raced, '2026-11-20T10:00:00Z')).toMatchObject({
      id: 'did:web:elsewhere#key-1',
    });
  });

  it('an operator key that does not open the stored hub key stops the start with a clear message', async () => {
    await assertOperatorKeyOpensKeys(hub.ctx);
    const wrong = {
      store: hub.ctx.store,
      sealer: {
        seal: (p: string, a: string) => hub.ctx.sealer.seal(p, a),
        open: (): string => {
          throw new Error('authentication failed');
        },
      },
    };
    await expect(assertOperatorKeyOpensKeys(wrong)).rejects.toThrow(/SKILLPASS_KEY_ENCRYPTION_KEY/);
  });
});
