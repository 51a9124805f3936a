import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installAdminToken, seedDemo } from '../../../src/services/registry/seed-demo.js';
import { authenticateCaller } from '../../../src/services/access/tokens.js';
import { ADMIN_TOKEN, startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { rejects } from '../../helpers/service-calls.js';

/**
 * Seeding the demo registry (src/services/registry/seed-demo.ts). Every test hub is seeded by it
 * (test/helpers/test-hub.ts); here: that it happens once, and the operator admin token rule.
 */
describe('seedDemo and installAdminToken', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('seeds once: a registry that has frameworks is left alone and no new tokens are made', async () => {
    const version = await hub.ctx.store.repos.meta.registryVersion();
    const tokens = (await hub.ctx.store.repos.tokens.list()).length;
    expect(await seedDemo(hub.ctx)).toEqual({ seeded: false, tokens: {} });
    expect(await hub.ctx.store.repos.meta.registryVersion()).toBe(version);
    expect((await hub.ctx.store.repos.tokens.list()).length).toBe(tokens);
    // what the first seeding made: both centres, the agreements, an authority token for TH
    expect((await hub.ctx.store.repos.spokes.list()).map((s) => s.slug).sort()).toEqual([
      'kh-ntti',
      'th-bkk-itc',
    ]);
    expect((await hub.ctx.store.repos.recognition.latest()).length).toBe(3);
    expect((await hub.ctx.store.repos.tokens.list()).filter((t) => t.role === 'authority')).toMatchObject([
      { country: 'TH' },
    ]);
  });

  it('one operator admin token at a time: installing one retires the other label and the same label', async () => {
    expect((await authenticateCaller(hub.ctx, `Bearer ${ADMIN_TOKEN}`)).role).toBe('admin');
    const fromEnv = 'operator-token-from-env-0123456789abcdef';
    const demo = 'generated-demo-token-0123456789abcdef';
    await installAdminToken(hub.ctx, fromEnv, 'admin:env');
    expect((await authenticateCaller(hub.ctx, `Bearer ${fromEnv}`)).role).toBe('admin');
    await installAdminToken(hub.ctx, demo, 'admin:demo');
    await rejects(authenticateCaller(hub.ctx, `Bearer ${fromEnv}`), 'unauthenticated');
    expect((await authenticateCaller(hub.ctx, `Bearer ${demo}`)).role).toBe('admin');
    const again = 'generated-demo-token-again-0123456789';
    await installAdminToken(hub.ctx, again, 'admin:demo');
    await rejects(authenticateCaller(hub.ctx, `Bearer ${demo}`), 'unauthenticated');
    // another label (the tests' own) is not an operator token: it stays
    expect((await authenticateCaller(hub.ctx, `Bearer ${ADMIN_TOKEN}`)).role).toBe('admin');
  });
});
