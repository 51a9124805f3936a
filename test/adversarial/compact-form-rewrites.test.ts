import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, verify, type TestHub } from '../helpers/test-hub.js';
import { corpusSources, dataIntegrityCases, type CorpusCase } from '../helpers/adversarial-corpus.js';
import { stockProofOnly } from '../../src/adapters/crypto/suites/digitalbazaar.js';
import { createDocumentLoader } from '../../src/adapters/contexts/document-loader.js';

/**
 * The attack the compact-form rule closes (docs/architecture.md, "The checks judge exactly what the
 * signature covers"): a revoked or expired certificate rewritten as other JSON for the same
 * RDF keeps a valid signature (the stock @digitalbazaar verifier accepts it), and hid its
 * status or end date from checks that read JSON keys. Each rewrite is refused as
 * `not-compact-form`, and the genuine certificates still verify.
 */
describe('JSON-LD rewrites that keep the signature valid are refused', () => {
  let hub: TestHub;
  let cases: CorpusCase[];
  beforeAll(async () => {
    hub = await startTestHub();
    cases = dataIntegrityCases(await corpusSources(hub)).filter((c) => c.rdfPreserving);
  });
  afterAll(async () => hub?.close());

  it('has rewrites of status, dates, proof, subject, keywords and contexts to try', () => {
    expect(cases.length).toBeGreaterThanOrEqual(18);
  });

  it('each keeps a signature the stock library accepts, and POST /verifications refuses it as not-compact-form', async () => {
    const loader = createDocumentLoader(hub.ctx.contexts, hub.ctx.resolver);
    for (const c of cases) {
      const doc = c.input as Record<string, unknown>;
      const stock = await stockProofOnly(doc, loader, '2026-11-20T10:00:00Z');
      expect(stock, `${c.name}: the stock verifier accepts the signature`).toMatchObject({ verified: true });
      const r = await verify(hub, { credential: doc });
      expect(r.outcome, c.name).toBe('invalid');
      expect(
        r.checks.find((x) => x.id === 'well-formed'),
        c.name,
      ).toMatchObject({ outcome: 'invalid', code: 'not-compact-form' });
      expect(
        r.checks.filter((x) => x.id !== 'well-formed').every((x) => x.outcome === 'skipped'),
        c.name,
      ).toBe(true);
    }
  });
});
