import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordRegistryChange } from '../../../src/services/registry/registry-change.js';
import { startTestHub, type TestHub } from '../../helpers/test-hub.js';

/** A registry change moves the registry version and appends to the audit chain, together or not at all. */
describe('recordRegistryChange', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => hub?.close());
  const entry = {
    at: '2026-11-20T10:00:00Z',
    actor: 'test',
    action: 'qualification.created',
    subject: 'X-1',
    details: { why: 'test' },
  };

  it('moves the registry version by one and appends the audit entry', async () => {
    const { repos } = hub.ctx.store;
    const version = await repos.meta.registryVersion();
    const entries = (await repos.audit.all()).length;
    await hub.ctx.store.transaction((tx) => recordRegistryChange(tx, entry));
    expect(await repos.meta.registryVersion()).toBe(version + 1);
    const all = await repos.audit.all();
    expect(all).toHaveLength(entries + 1);
    expect(all.at(-1)).toMatchObject(entry);
  });

  it('leaves both untouched when the unit of work fails afterwards', async () => {
    const { repos } = hub.ctx.store;
    const version = await repos.meta.registryVersion();
    const entries = (await repos.audit.all()).length;
    await expect(
      hub.ctx.store.transaction(async (tx) => {
        await recordRegistryChange(tx, entry);
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    expect(await repos.meta.registryVersion()).toBe(version);
    expect(await repos.audit.all()).toHaveLength(entries);
  });
});
