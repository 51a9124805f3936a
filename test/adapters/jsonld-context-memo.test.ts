import { describe, expect, it } from 'vitest';
import jsonld, { jsonldSpeedups } from '../../src/adapters/crypto/jsonld/jsonld.js';
import { bundledContexts } from '../../src/adapters/contexts/bundled-contexts.js';

/**
 * The context memo (src/adapters/crypto/jsonld/jsonld-context-memo.ts) returns a processed context
 * again only when processing it raised no event: a context that safe mode refuses must be
 * refused every time, also after an unsafe call processed the very same context object.
 */
const contexts = bundledContexts('http://127.0.0.1:3999');
const documentLoader = async (url: string) => {
  const document = contexts.get(url);
  if (document === undefined) throw new Error(`not bundled: ${url}`);
  return { contextUrl: null, documentUrl: url, document, tag: 'static' };
};
const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const toRdf = (doc: unknown, safe: boolean) =>
  jsonld.toRDF(doc, { documentLoader, safe, base: null, rdfDirection: 'i18n-datatype' });

describe('jsonld context memo', () => {
  it('is installed in this process', () => {
    expect(jsonldSpeedups.contextMemo).toBe(true);
  });

  it('reuses a processed context: the second identical document hits the memo', async () => {
    const doc = {
      '@context': [VC_V2],
      type: ['VerifiableCredential'],
      issuer: 'did:example:1',
      credentialSubject: { id: 'did:example:2' },
    };
    await toRdf(doc, true);
    const before = jsonldSpeedups.memoStats();
    const quads = await toRdf(structuredClone(doc), true);
    const after = jsonldSpeedups.memoStats();
    expect(after.hits).toBeGreaterThan(before.hits);
    expect(after.misses).toBe(before.misses);
    expect(quads.length).toBe(3);
  });

  it('never remembers a context whose processing raised an event: safe mode still refuses it', async () => {
    // a type-scoped context defining "@reserved", which looks like a keyword: jsonld.js warns
    // ("reserved term") and safe mode makes that an error. An unsafe call processes it first.
    const scoped = { '@reserved': 'https://example.test/r', name: 'https://schema.org/name' };
    const vocabulary = {
      '@context': { '@version': 1.1, Thing: { '@id': 'https://example.test/Thing', '@context': scoped } },
    };
    const loader = async (url: string) => {
      if (url === 'https://example.test/ctx')
        return { contextUrl: null, documentUrl: url, document: vocabulary, tag: 'static' };
      return documentLoader(url);
    };
    const doc = {
      '@context': ['https://example.test/ctx'],
      '@id': 'https://example.test/1',
      '@type': 'Thing',
      name: 'A',
    };
    const run = (safe: boolean) =>
      jsonld.toRDF(structuredClone(doc), { documentLoader: loader, safe, base: null });
    await expect(run(false)).resolves.toHaveLength(2);
    await expect(run(true)).rejects.toThrow(/safe mode/i);
    await expect(run(false)).resolves.toHaveLength(2);
    await expect(run(true)).rejects.toThrow(/safe mode/i);
  });

  it('keeps unknown contexts unknown: the loader is asked again and refuses again', async () => {
    const doc = { '@context': [VC_V2, 'https://evil.example/context'], type: ['VerifiableCredential'] };
    await expect(toRdf(doc, true)).rejects.toThrow();
    await expect(toRdf(doc, true)).rejects.toThrow();
  });
});
