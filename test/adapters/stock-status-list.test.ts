import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { bearer, issue, startTestHub, type TestHub } from '../helpers/test-hub.js';
import { createDocumentLoader } from '../../src/adapters/contexts/document-loader.js';
import { issueLegacyCertificate } from '../helpers/legacy-status.js';
import { decodeList, getBit } from '../../src/domain/bitstring.js';

/**
 * What the stock @digitalbazaar/vc-bitstring-status-list (2.0.x) checkStatus makes of the lists
 * this hub serves. It loads and verifies the list credential (proof, issuer match, type, purpose):
 * the list is well formed, and reads the bit at statusListIndex. A certificate names its revocation
 * list, so the stock reader sees revocation exactly; suspension lives in the companion list the
 * certificate does not name, so it is SkillPass's verifiers that see it (README "Status lists").
 * Certificates from earlier versions name both lists: it reads each exactly.
 */
describe("the stock @digitalbazaar checkStatus on this hub's lists", () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub?.close();
  });

  const stock = async (credential: Record<string, any>) => {
    const bundled = createDocumentLoader(hub.ctx.contexts, hub.ctx.resolver);
    const documentLoader = async (url: string) => {
      if (url.startsWith(`${hub.ctx.publicUrl}/status-lists/`)) {
        return {
          contextUrl: null,
          documentUrl: url,
          document: (await hub.app.inject({ url: new URL(url).pathname })).json(),
        };
      }
      return bundled(url);
    };
    return checkStatus({
      credential,
      documentLoader,
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      verifyBitstringStatusListCredential: true,
    });
  };
  const revoke = (id: string) =>
    hub.app.inject({
      method: 'POST',
      url: '/credentials/status',
      headers: bearer(hub.tokens.khNtti),
      payload: {
        credentialId: id,
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
        status: true,
      },
    });

  it('a certificate issued now: the list verifies and its bit is the revocation: false, then true once revoked; a suspension it does not see', async () => {
    const issued = await issue(hub);
    const credential = issued.credential as Record<string, any>;
    expect(credential.credentialStatus).toMatchObject({ statusPurpose: 'revocation' });
    expect(await stock(credential)).toMatchObject({
      verified: true,
      results: [{ verified: true, status: false }],
    });
    const suspend = await hub.app.inject({
      method: 'POST',
      url: '/credentials/status',
      headers: bearer(hub.tokens.khNtti),
      payload: {
        credentialId: issued.id,
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' },
        status: true,
      },
    });
    expect(suspend.statusCode).toBe(200);
    expect(await stock(credential)).toMatchObject({
      verified: true,
      results: [{ verified: true, status: false }],
    });
    expect((await revoke(issued.id)).statusCode).toBe(200);
    expect(await stock(credential)).toMatchObject({
      verified: true,
      results: [{ verified: true, status: true }],
    });
    const index = Number(credential.credentialStatus.statusListIndex);
    const list = (
      await hub.app.inject({ url: new URL(credential.credentialStatus.statusListCredential).pathname })
    ).json();
    expect(getBit(decodeList(list.credentialSubject.encodedList), index)).toBe(true);
  });

  it('a certificate from an earlier version (two entries): it reads each one-bit list exactly', async () => {
    const old = await issueLegacyCertificate(hub);
    expect(await stock(old.credential as Record<string, any>)).toMatchObject({
      verified: true,
      results: [{ status: false }, { status: false }],
    });
    expect((await revoke(old.id)).statusCode).toBe(200);
    const after = await stock(old.credential as Record<string, any>);
    expect(after.results!.map((r) => [r.credentialStatus.statusPurpose, r.status])).toEqual([
      ['revocation', true],
      ['suspension', false],
    ]);
  });
});
