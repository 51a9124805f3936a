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
 * the list is well formed. It does not implement statusSize: it reads the single bit at
 * statusListIndex, so for a message entry (statusSize 2) its `status` is NOT the certificate's
 * status (that lives in bits 2i and 2i+1). Pairs from before migration 007 it reads exactly.
 */
describe('the stock @digitalbazaar checkStatus on this hub\'s lists', () => {
  let hub: TestHub;
  beforeAll(async () => { hub = await startTestHub(); });
  afterAll(async () => { await hub?.close(); });

  const stock = async (credential: Record<string, any>) => {
    const bundled = createDocumentLoader(hub.ctx.contexts, hub.ctx.resolver);
    const documentLoader = async (url: string) => {
      if (url.startsWith(`${hub.ctx.publicUrl}/status-lists/`)) {
        return { contextUrl: null, documentUrl: url, document: (await hub.app.inject({ url: new URL(url).pathname })).json() };
      }
      return bundled(url);
    };
    return checkStatus({ credential, documentLoader, suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), verifyBitstringStatusListCredential: true });
  };
  const revoke = (id: string) => hub.app.inject({ method: 'POST', url: '/credentials/status', headers: bearer(hub.tokens.khNtti),
    payload: { credentialId: id, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' }, status: true } });

  it('a message entry: the list verifies, but the bit it reads is not the status (statusSize is not implemented)', async () => {
    const issued = await issue(hub);
    const credential = issued.credential as Record<string, any>;
    const before = await stock(credential);
    expect(before).toMatchObject({ verified: true, results: [{ verified: true, status: false }] });
    expect((await revoke(issued.id)).statusCode).toBe(200);
    // revoked: value 0x2, bit 2i is set; the stock reader looks at bit i
    const after = await stock(credential);
    expect(after.verified).toBe(true);
    const index = Number(credential.credentialStatus.statusListIndex);
    const list = (await hub.app.inject({ url: new URL(credential.credentialStatus.statusListCredential).pathname })).json();
    const bits = decodeList(list.credentialSubject.encodedList);
    expect(after.results![0]!.status).toBe(getBit(bits, index));
    expect(getBit(bits, index * 2)).toBe(true);
  });

  it('a pair from before migration 007: it reads each one-bit list exactly', async () => {
    const old = await issueLegacyCertificate(hub);
    expect(await stock(old.credential as Record<string, any>)).toMatchObject({ verified: true, results: [{ status: false }, { status: false }] });
    expect((await revoke(old.id)).statusCode).toBe(200);
    const after = await stock(old.credential as Record<string, any>);
    expect(after.results!.map((r) => [r.credentialStatus.statusPurpose, r.status])).toEqual([['revocation', true], ['suspension', false]]);
  });
});
