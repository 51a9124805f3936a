import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adoptPublicUrl } from '../../../src/services/registry/hub-move.js';
import { ensureHubKey } from '../../../src/services/registry/hub-identity.js';
import { signingKeyFor } from '../../../src/services/registry/spoke-keys.js';
import { issueCertificate, type CertifyRequest } from '../../../src/services/issuance/issue-certificate.js';
import { hubAliases } from '../../../src/domain/hub-aliases.js';
import type { HubContext } from '../../../src/services/hub-context.js';
import { brickRequest, startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { KH_ISSUER, audited } from '../../helpers/service-calls.js';

/**
 * Adopting a new public URL (src/services/registry/hub-move.ts), called on a context wired for
 * the new URL, as a restart under it would (the whole move over HTTP: test/http/hub-move.test.ts).
 */
describe('adoptPublicUrl', () => {
  let hub: TestHub;
  let moved: HubContext;
  const NEW = 'https://skills.example.org';
  beforeAll(async () => {
    hub = await startTestHub();
    const aliases = hubAliases(NEW, [hub.ctx.publicUrl]);
    moved = { ...hub.ctx, aliases, publicUrl: NEW, hubDid: aliases.current.did };
  });
  afterAll(async () => {
    await hub.close();
  });

  it('starting again under the same URL changes nothing', async () => {
    const version = await hub.ctx.store.repos.meta.registryVersion();
    expect(await adoptPublicUrl(hub.ctx)).toEqual({ adopted: false });
    expect(await hub.ctx.store.repos.meta.registryVersion()).toBe(version);
    expect(await audited(hub.ctx, 'hub.moved')).toEqual([]);
  });

  it('refuses to move with an operator key that does not open the stored keys, before changing anything', async () => {
    const wrong: HubContext = {
      ...moved,
      sealer: {
        seal: (p, a) => hub.ctx.sealer.seal(p, a),
        open: () => {
          throw new Error('authentication failed');
        },
      },
    };
    await expect(adoptPublicUrl(wrong)).rejects.toThrow(/SKILLPASS_KEY_ENCRYPTION_KEY/);
    expect((await hub.ctx.store.repos.identity.publicUrls())[0]?.publicUrl).toBe(hub.ctx.publicUrl);
  });

  it("renames the centres' DIDs and keys under the new URL, re-sealed under their new ids; certificates stay as signed", async () => {
    const issued = await issueCertificate(hub.ctx, KH_ISSUER, brickRequest() as CertifyRequest);
    const serialized = (await hub.ctx.store.repos.certificates.get(issued.id))!.serialized;
    const version = await hub.ctx.store.repos.meta.registryVersion();
    expect(await adoptPublicUrl(moved)).toEqual({ adopted: true, from: hub.ctx.publicUrl });
    const kh = (await hub.ctx.store.repos.spokes.get('kh-ntti'))!;
    expect(kh.did).toBe('did:web:skills.example.org:spokes:kh-ntti');
    // the private half opens under the new id (it is bound to the id it is sealed with)
    expect((await signingKeyFor(moved, moved.store.repos, 'kh-ntti', kh.did)).verificationMethod).toBe(
      `${kh.did}#key-1`,
    );
    const hubKey = await ensureHubKey(moved, moved.store.repos, '2026-11-20T10:00:00Z');
    expect(hubKey.id.startsWith('did:web:skills.example.org#')).toBe(true);
    expect(() => moved.sealer.open(hubKey.encryptedSecret, hubKey.id)).not.toThrow();
    expect(await hub.ctx.store.repos.meta.registryVersion()).toBe(version + 1);
    expect((await hub.ctx.store.repos.certificates.get(issued.id))!.serialized).toBe(serialized);
    const [entry] = await audited(hub.ctx, 'hub.moved');
    expect(entry).toMatchObject({
      actor: 'system:start',
      subject: NEW,
      details: { from: hub.ctx.publicUrl, to: NEW, renamed: 5 },
    });
    // adopted once: again under the new URL changes nothing
    expect(await adoptPublicUrl(moved)).toEqual({ adopted: false });
    expect(await audited(hub.ctx, 'hub.moved')).toHaveLength(1);
  });
});
