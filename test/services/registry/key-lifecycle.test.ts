import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markKeyCompromised, rotateKey } from '../../../src/services/registry/key-lifecycle.js';
import { signingKeyFor } from '../../../src/services/registry/spoke-keys.js';
import { startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { ADMIN, audited, rejects } from '../../helpers/service-calls.js';

/** Key rotation and compromise (src/services/registry/key-lifecycle.ts): every key kept, with its window. */
describe('key lifecycle', () => {
  let hub: TestHub;
  let did: string;
  beforeAll(async () => {
    hub = await startTestHub();
    did = (await hub.ctx.store.repos.spokes.get('kh-ntti'))!.did;
  });
  afterAll(async () => {
    await hub.close();
  });
  const keys = () => hub.ctx.store.repos.spokes.keys('kh-ntti');

  it('rotation retires the active key at the instant and makes the next one current, bumping the registry version', async () => {
    await rejects(rotateKey(hub.ctx, ADMIN, 'nowhere'), 'not-found');
    const version = await hub.ctx.store.repos.meta.registryVersion();
    hub.clock.set('2026-11-20T10:00:00.250Z');
    const { retired, current } = await rotateKey(hub.ctx, ADMIN, 'kh-ntti');
    hub.clock.set('2026-11-20T10:00:00Z');
    // the instant to the millisecond (two instants within one second stay apart)
    expect(retired).toMatchObject({ id: `${did}#key-1`, validUntil: '2026-11-20T10:00:00.250Z' });
    expect(current).toMatchObject({
      id: `${did}#key-2`,
      validFrom: '2026-11-20T10:00:00.250Z',
      validUntil: null,
    });
    expect(retired).not.toHaveProperty('encryptedSecret');
    expect(current).not.toHaveProperty('encryptedSecret');
    expect((await signingKeyFor(hub.ctx, hub.ctx.store.repos, 'kh-ntti', did)).verificationMethod).toBe(
      current.id,
    );
    expect((await keys()).map((k) => k.id)).toEqual([`${did}#key-1`, `${did}#key-2`]);
    expect(await hub.ctx.store.repos.meta.registryVersion()).toBe(version + 1);
    expect((await audited(hub.ctx, 'key.rotated')).at(-1)).toMatchObject({
      details: { retired: `${did}#key-1`, current: `${did}#key-2`, reason: 'scheduled rotation' },
    });
  });

  it('compromise needs a readable date and a known key of that centre', async () => {
    await rejects(
      markKeyCompromised(hub.ctx, ADMIN, 'kh-ntti', 'key-1', 'yesterday', 'x'),
      'validation-failed',
    );
    await rejects(markKeyCompromised(hub.ctx, ADMIN, 'nowhere', 'key-1', '2026-11-01', 'x'), 'not-found');
    await rejects(markKeyCompromised(hub.ctx, ADMIN, 'kh-ntti', 'key-9', '2026-11-01', 'x'), 'not-found');
    // th-bkk-itc's key is not kh-ntti's, even by its full id
    const other = (await hub.ctx.store.repos.spokes.keys('th-bkk-itc'))[0]!.id;
    await rejects(markKeyCompromised(hub.ctx, ADMIN, 'kh-ntti', other, '2026-11-01', 'x'), 'not-found');
  });

  it('a retired key is marked compromised from a date without a new rotation; an earlier date wins, a later one changes nothing', async () => {
    const before = (await keys()).length;
    const marked = await markKeyCompromised(
      hub.ctx,
      ADMIN,
      'kh-ntti',
      'key-1',
      '2026-10-01',
      'laptop stolen',
    );
    expect(marked).toMatchObject({ id: `${did}#key-1`, compromisedFrom: '2026-10-01' });
    expect((await keys()).length).toBe(before);
    const version = await hub.ctx.store.repos.meta.registryVersion();
    const later = await markKeyCompromised(hub.ctx, ADMIN, 'kh-ntti', `${did}#key-1`, '2026-10-15', 'again');
    expect(later.compromisedFrom).toBe('2026-10-01');
    expect(await hub.ctx.store.repos.meta.registryVersion()).toBe(version);
    const earlier = await markKeyCompromised(hub.ctx, ADMIN, 'kh-ntti', 'key-1', '2026-09-01', 'earlier');
    expect(earlier.compromisedFrom).toBe('2026-09-01');
    expect(await hub.ctx.store.repos.meta.registryVersion()).toBe(version + 1);
  });

  it('compromising the active key rotates to a new one at once: it never signs again', async () => {
    const active = (await hub.ctx.store.repos.spokes.activeSigningKey('kh-ntti'))!;
    const marked = await markKeyCompromised(hub.ctx, ADMIN, 'kh-ntti', active.id, '2026-11-19', 'leaked');
    expect(marked).toMatchObject({ id: active.id, compromisedFrom: '2026-11-19' });
    const next = (await hub.ctx.store.repos.spokes.activeSigningKey('kh-ntti'))!;
    expect(next.id).not.toBe(active.id);
    expect(next.compromisedFrom).toBeNull();
    const rotation = (await audited(hub.ctx, 'key.rotated')).at(-1)!;
    expect(rotation.details.reason).toBe(`replaces compromised ${active.id}`);
    // the compromised key is closed where the new one starts, and the rotation names it
    expect(rotation.details.retired).toBe(active.id);
    expect(marked.validUntil).toBe(next.validFrom);
  });
});
