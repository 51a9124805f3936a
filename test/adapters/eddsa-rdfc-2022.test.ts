import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEddsaRdfc2022 } from '../../src/adapters/crypto/eddsa-rdfc-2022.js';
import { verifyDataIntegrityProof } from '../../src/adapters/crypto/digitalbazaar.js';
import { createDocumentLoader } from '../../src/adapters/contexts/document-loader.js';
import { publicKeyObjectFromMultibase } from '../../src/adapters/crypto/ed25519-keys.js';
import { createProofPool } from '../../src/adapters/crypto/proof-pool.js';
import { signedStatusList } from '../../src/services/status-lists.js';
import { issue, startTestHub, type TestHub } from '../helpers/test-hub.js';
import { didKeyCredential } from '../helpers/did-key.js';

/**
 * The fast eddsa-rdfc-2022 path must agree with the @digitalbazaar suite on every input:
 * valid credentials of several shapes, and every kind of tampering.
 */
describe('eddsa-rdfc-2022 fast path agrees with the library', () => {
  let hub: TestHub;
  const corpus: [string, Record<string, any>, string][] = []; // name, credential, publicKeyMultibase
  beforeAll(async () => {
    hub = await startTestHub();
    const key = (vc: Record<string, any>) => hub.ctx.store.repos.spokes.key(vc.proof.verificationMethod).then((k) => k!.publicKeyMultibase);
    const cert = (await issue(hub)).credential as Record<string, any>;
    corpus.push(['an Open Badges certificate', cert, await key(cert)]);
    const list = (await signedStatusList(hub.ctx, cert.credentialStatus[0].statusListCredential.split('/').pop())).credential as Record<string, any>;
    corpus.push(['a status list credential', list, await key(list)]);
    for (const version of [2, 1] as const) {
      const vc = await didKeyCredential(hub.ctx, version);
      corpus.push([`a did:key VC ${version === 2 ? '2.0' : '1.1'} credential`, vc, String(vc.issuer).slice('did:key:'.length)]);
    }
  });
  afterAll(async () => { await hub.close(); });

  const tamperings: [string, (c: any) => void][] = [
    ['untouched', () => undefined],
    ['a subject value', (c) => { c.credentialSubject.name = 'Someone Else'; }],
    ['an added member', (c) => { c.credentialSubject.extra = 1; }],
    ['validFrom / issuanceDate', (c) => { if (c.validFrom) c.validFrom = '2020-01-01T00:00:00Z'; else c.issuanceDate = '2020-01-01T00:00:00Z'; }],
    ['proof.created', (c) => { c.proof.created = '2020-01-01T00:00:00Z'; }],
    ['proof.verificationMethod fragment', (c) => { c.proof.verificationMethod = `${c.proof.verificationMethod}x`; }],
    ['proofValue', (c) => { c.proof.proofValue = `z${'1'.repeat(10)}${c.proof.proofValue.slice(11)}`; }],
    ['the type order', (c) => { c.type = [...c.type].reverse(); }],
  ];

  it.each(tamperings)('%s: both verdicts match on every credential in the corpus', async (_name, tamper) => {
    const loader = createDocumentLoader(hub.ctx.contexts, hub.ctx.resolver);
    for (const [name, original, multibase] of corpus) {
      const c = structuredClone(original);
      tamper(c);
      const ours = await verifyEddsaRdfc2022(c, publicKeyObjectFromMultibase(multibase), loader);
      const theirs = await verifyDataIntegrityProof(c, loader, c.proof.created);
      // the library also resolves the key from the proof: a changed verificationMethod fails there first, and in ours at the key lookup
      if (_name === 'proof.verificationMethod fragment') { expect(theirs.verified, name).toBe(false); continue; }
      expect(ours.ok, `${name}: ours ${JSON.stringify(ours)} vs library ${theirs.error}`).toBe(theirs.verified);
    }
  });

  it('the worker pool gives the same answers as inline', async () => {
    const pool = createProofPool(2);
    try {
      for (const [, c, multibase] of corpus) {
        const tampered = structuredClone(c);
        tampered.proof.created = '2020-01-01T00:00:00Z';
        const publicUrl = hub.ctx.publicUrl;
        expect((await pool.run({ json: JSON.stringify(c), publicKeyMultibase: multibase, publicUrl })).ok).toBe(true);
        expect((await pool.run({ json: JSON.stringify(tampered), publicKeyMultibase: multibase, publicUrl })).ok).toBe(false);
      }
    } finally {
      await pool.close();
    }
  });
});
