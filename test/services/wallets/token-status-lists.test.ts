import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { jwtKidOf, tokenStatusList } from '../../../src/services/wallets/token-status-lists.js';
import { brickRequest, issue, startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { rejects } from '../../helpers/service-calls.js';

/** Token Status Lists called directly (src/services/wallets/token-status-lists.ts). */
describe('token status lists', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub?.close();
  });

  it("signs with the centre's key under the kid its vc+jwt certificates carry, iss the centre", async () => {
    const jwt = (await issue(hub, brickRequest({ format: 'vc+jwt' }))).credential as string;
    const { kid } = decodeProtectedHeader(jwt);
    const key = (await hub.ctx.store.repos.spokes.keys('kh-ntti')).at(-1)!;
    expect(await jwtKidOf(hub.ctx, key.id)).toBe(kid);
    const list = await tokenStatusList(hub.ctx, 'kh-ntti-1');
    expect(decodeProtectedHeader(list)).toEqual({ alg: 'EdDSA', kid, typ: 'statuslist+jwt' });
    expect(decodeJwt(list)).toMatchObject({ iss: decodeJwt(jwt).iss, status_list: { bits: 2 } });
  });

  it('an unknown list, or one named like a Bitstring list, is not found', async () => {
    await rejects(tokenStatusList(hub.ctx, 'kh-ntti-99'), 'not-found');
    await rejects(tokenStatusList(hub.ctx, 'kh-ntti-1-revocation'), 'not-found');
  });
});
