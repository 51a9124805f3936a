import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signEddsaRdfc2022, verifyEddsaRdfc2022 } from '../../src/adapters/crypto/suites/eddsa-rdfc-2022.js';
import {
  signDataIntegrity,
  verifyDataIntegrityProof,
} from '../../src/adapters/crypto/suites/digitalbazaar.js';
import { generateEd25519, privateKeyObject } from '../../src/adapters/crypto/keys/ed25519-keys.js';
import { createDocumentLoader } from '../../src/adapters/contexts/document-loader.js';
import { ed25519PublicKeyBytes } from '../../src/adapters/crypto/keys/ed25519.js';
import { createProofPool, inlineProofRunner } from '../../src/adapters/crypto/workers/proof-pool.js';
import { signedStatusList } from '../../src/services/issuance/status-lists.js';
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
    const key = (vc: Record<string, any>) =>
      hub.ctx.store.repos.spokes.key(vc.proof.verificationMethod).then((k) => k!.publicKeyMultibase);
    const cert = (await issue(hub)).credential as Record<string, any>;
    corpus.push(['an Open Badges certificate', cert, await key(cert)]);
    const list = (
      await signedStatusList(hub.ctx, cert.credentialStatus.statusListCredential.split('/').pop())
    ).credential as Record<string, any>;
    corpus.push(['a status list credential', list, await key(list)]);
    for (const version of [2, 1] as const) {
      const vc = await didKeyCredential(hub.ctx, version);
      corpus.push([
        `a did:key VC ${version === 2 ? '2.0' : '1.1'} credential`,
        vc,
        String(vc.issuer).slice('did:key:'.length),
      ]);
    }
  });
  afterAll(async () => {
    await hub.close();
  });

  const tamperings: [string, (c: any) => void][] = [
    ['untouched', () => undefined],
    [
      'a subject value',
      (c) => {
        c.credentialSubject.name = 'Someone Else';
      },
    ],
    [
      'an added member',
      (c) => {
        c.credentialSubject.extra = 1;
      },
    ],
    [
      'validFrom / issuanceDate',
      (c) => {
        if (c.validFrom) c.validFrom = '2020-01-01T00:00:00Z';
        else c.issuanceDate = '2020-01-01T00:00:00Z';
      },
    ],
    [
      'proof.created',
      (c) => {
        c.proof.created = '2020-01-01T00:00:00Z';
      },
    ],
    [
      'proof.verificationMethod fragment',
      (c) => {
        c.proof.verificationMethod = `${c.proof.verificationMethod}x`;
      },
    ],
    [
      'proofValue',
      (c) => {
        c.proof.proofValue = `z${'1'.repeat(10)}${c.proof.proofValue.slice(11)}`;
      },
    ],
    [
      'the type order',
      (c) => {
        c.type = [...c.type].reverse();
      },
    ],
  ];

  it.each(tamperings)('%s: both verdicts match on every credential in the corpus', async (_name, tamper) => {
    const loader = createDocumentLoader(hub.ctx.contexts, hub.ctx.resolver);
    for (const [name, original, multibase] of corpus) {
      const c = structuredClone(original);
      tamper(c);
      const ours = await verifyEddsaRdfc2022(c, ed25519PublicKeyBytes(multibase), loader);
      const theirs = await verifyDataIntegrityProof(c, loader, c.proof.created);
      // the library also resolves the key from the proof: a changed verificationMethod fails there first, and in ours at the key lookup
      if (_name === 'proof.verificationMethod fragment') {
        expect(theirs.verified, name).toBe(false);
        continue;
      }
      expect(ours.ok, `${name}: ours ${JSON.stringify(ours)} vs library ${theirs.error}`).toBe(
        theirs.verified,
      );
    }
  });

  it('signs exactly what the library signs (Ed25519 is deterministic), and the library accepts it', async () => {
    const loader = createDocumentLoader(hub.ctx.contexts, hub.ctx.resolver);
    const { privateJwk, publicKeyMultibase } = generateEd25519();
    const did = `did:key:${publicKeyMultibase}`;
    const verificationMethod = `${did}#${publicKeyMultibase}`;
    const created = '2026-11-19T08:00:00Z';
    for (const [name, signed] of corpus) {
      const { proof: _proof, ...unsigned } = structuredClone(signed);
      const document: Record<string, any> = {
        ...unsigned,
        issuer: typeof unsigned.issuer === 'object' ? { ...unsigned.issuer, id: did } : did,
      };
      const ours = await signEddsaRdfc2022(
        structuredClone(document),
        privateKeyObject(privateJwk),
        { verificationMethod, created },
        loader,
      );
      const theirs = await signDataIntegrity({
        credential: document,
        privateJwk,
        verificationMethod,
        controller: did,
        created,
        cryptosuite: 'eddsa-rdfc-2022',
        documentLoader: loader,
      });
      expect(JSON.stringify(ours), name).toBe(JSON.stringify(theirs));
      const verdict = await verifyDataIntegrityProof(
        ours,
        loader,
        String(document.validFrom ?? document.issuanceDate),
      );
      expect(verdict.verified, `${name}: ${verdict.error}`).toBe(true);
    }
  });

  it('refuses to sign a document that already carries a proof', async () => {
    const loader = createDocumentLoader(hub.ctx.contexts, hub.ctx.resolver);
    const [, signed] = corpus[0]!;
    await expect(
      signEddsaRdfc2022(
        signed,
        privateKeyObject(generateEd25519().privateJwk),
        { verificationMethod: 'did:key:z#z', created: '2026-11-19T08:00:00Z' },
        loader,
      ),
    ).rejects.toThrow(/already/);
  });

  it('the worker pool signs what inline signing signs', async () => {
    const pool = createProofPool(2);
    try {
      const { privateJwk } = generateEd25519();
      const [, signed] = corpus[0]!;
      const { proof: _proof, ...unsigned } = signed;
      const task = {
        json: JSON.stringify(unsigned),
        privateJwk,
        verificationMethod: `${String(unsigned.issuer.id ?? unsigned.issuer)}#key-1`,
        created: '2026-11-19T08:00:00Z',
        publicUrls: [hub.ctx.publicUrl],
      };
      expect(await pool.sign(task)).toEqual(await inlineProofRunner.sign(task));
    } finally {
      await pool.close();
    }
  });

  it('the worker pool gives the same answers as inline', async () => {
    const pool = createProofPool(2);
    try {
      for (const [, c, multibase] of corpus) {
        const tampered = structuredClone(c);
        tampered.proof.created = '2020-01-01T00:00:00Z';
        const publicUrl = hub.ctx.publicUrl;
        expect(
          (
            await pool.run({
              json: JSON.stringify(c),
              publicKeyMultibase: multibase,
              publicUrls: [publicUrl],
            })
          ).ok,
        ).toBe(true);
        expect(
          (
            await pool.run({
              json: JSON.stringify(tampered),
              publicKeyMultibase: multibase,
              publicUrls: [publicUrl],
            })
          ).ok,
        ).toBe(false);
      }
    } finally {
      await pool.close();
    }
  });
});
