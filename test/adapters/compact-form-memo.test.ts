import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issue, startTestHub, type TestHub } from '../helpers/test-hub.js';
import { corpusSources, dataIntegrityCases, type Doc } from '../helpers/adversarial-corpus.js';
import { createDocumentLoader } from '../../src/adapters/contexts/document-loader.js';
import { expandForForm, judgeCompactForm } from '../../src/adapters/crypto/suites/compact-form-check.js';
import { hasPrefixIn } from '../../src/adapters/crypto/suites/compact-form-memo.js';
import type { DocumentLoader } from '../../src/adapters/crypto/suites/digitalbazaar.js';

/**
 * The compaction memo (src/adapters/crypto/suites/compact-form-memo.ts) must give the verdict a
 * full compaction gives, for every document: genuine certificates, every rewrite of the
 * adversarial corpus, documents holding the memo's own placeholder text, and ids that a
 * context's terms or prefixes would compact.
 */
describe('compact-form memo', () => {
  let hub: TestHub;
  let loader: DocumentLoader;
  let genuine: Doc[];
  let corpus: Doc[];
  beforeAll(async () => {
    hub = await startTestHub();
    loader = createDocumentLoader(hub.ctx.contexts, hub.ctx.resolver) as DocumentLoader;
    genuine = [];
    for (let i = 0; i < 3; i++) genuine.push((await issue(hub)).credential as Doc);
    corpus = dataIntegrityCases(await corpusSources(hub))
      .map((c) => c.input)
      .filter((d): d is Doc => typeof d === 'object');
  });
  afterAll(async () => hub?.close());

  const known = (url: string) => hub.ctx.contexts.has(url);
  /** the verdict with the memo and without it, for one document */
  async function both(doc: Doc) {
    const expansion = await expandForForm(doc, loader, known);
    if (!expansion.ok) return { memo: expansion.verdict, full: expansion.verdict, expanded: false };
    const memo = await judgeCompactForm(doc, expansion.expanded, loader);
    const full = await judgeCompactForm(doc, expansion.expanded, loader, { memo: false });
    return { memo, full, expanded: true };
  }

  it('finds a prefix exactly when one of the strings is a prefix of the IRI', () => {
    const strings = ['http://a/', 'http://a/b#', 'urn', 'did:x:', 'ab', 'abc', 'b', 'zz'].sort();
    const candidates = [
      'http://a/b#c',
      'http://a/z',
      'http://b',
      'urn:uuid:1',
      'did:x:1',
      'did:y:1',
      'abd',
      'a',
      'zy',
      'zzz',
      '',
    ];
    for (const iri of candidates)
      expect(hasPrefixIn(strings, iri), iri).toBe(strings.some((s) => iri.startsWith(s)));
    // random strings over a small alphabet, against the obvious scan
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const word = () => Array.from({ length: 1 + rnd(5) }, () => 'ab:/'[rnd(4)]).join('');
    for (let round = 0; round < 300; round++) {
      const list = Array.from({ length: 1 + rnd(12) }, word).sort();
      const iri = word() + word();
      expect(hasPrefixIn(list, iri), `${JSON.stringify(list)} ${iri}`).toBe(
        list.some((s) => iri.startsWith(s)),
      );
    }
  });

  it('gives the full compaction verdict for genuine certificates and every corpus rewrite', async () => {
    expect(corpus.length).toBeGreaterThanOrEqual(18);
    let judged = 0;
    for (const doc of [...genuine, ...corpus]) {
      const { memo, full, expanded } = await both(doc);
      expect(memo, JSON.stringify(doc).slice(0, 200)).toEqual(full);
      if (expanded) judged++;
    }
    expect(judged).toBeGreaterThan(20);
    for (const doc of genuine) expect((await both(doc)).memo).toEqual({ outcome: 'valid' });
  });

  it('gives the full verdict when a certificate holds the memo placeholders as its own text', async () => {
    const g = genuine[0]!;
    const texts = [
      '\u0000skillpass-value:0',
      'urn:x-skillpass-placeholder:0',
      'urn:x-skillpass-placeholder:99',
    ];
    for (const text of texts) {
      const named = structuredClone(g);
      named.credentialSubject.name = text;
      const r1 = await both(named);
      expect(r1.memo).toEqual(r1.full);
      expect(r1.memo).toEqual({ outcome: 'valid' });
      const id = structuredClone(g);
      id.credentialSubject.id = text.startsWith('urn:') ? text : 'urn:x-skillpass-placeholder:1';
      const r2 = await both(id);
      expect(r2.memo).toEqual(r2.full);
    }
  });

  it('gives the full verdict for ids that a context term, prefix or vocabulary would compact', async () => {
    const g = genuine[0]!;
    // IRIs the bundled contexts name, and their extensions; then plain ones
    const iris = [
      'https://www.w3.org/2018/credentials#credentialSubject',
      'https://www.w3.org/2018/credentials#VerifiableCredential',
      'https://www.w3.org/ns/credentials/status#BitstringStatusListEntry',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#x',
      'https://schema.org/name',
      'https://w3id.org/security#proof',
      'http://www.w3.org/2001/XMLSchema#dateTime',
      'urn:uuid:3f1c1d5e-2b1a-4c6e-9a55-0f2e9d4b7a11',
      'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      'https://example.org/workers/1',
    ];
    let differ = 0;
    for (const iri of iris) {
      for (const place of ['subject', 'status', 'issuer'] as const) {
        const doc = structuredClone(g);
        if (place === 'subject') doc.credentialSubject.id = iri;
        if (place === 'status') doc.credentialStatus.id = iri;
        if (place === 'issuer')
          doc.issuer = typeof doc.issuer === 'string' ? iri : { ...doc.issuer, id: iri };
        const r = await both(doc);
        expect(r.memo, `${place} = ${iri}`).toEqual(r.full);
        if (r.full.outcome !== 'valid') differ++;
      }
    }
    // some of them really do compact to something else: the comparison had something to catch
    expect(differ).toBeGreaterThan(0);
  });
});
