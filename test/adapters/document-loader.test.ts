import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnknownDocumentError, createDocumentLoader } from '../../src/adapters/contexts/document-loader.js';
import { bundledContexts } from '../../src/adapters/contexts/bundled-contexts.js';
import { createDidResolver } from '../../src/adapters/did/resolver.js';
import { OB_V3_CONTEXT, VC_V2_CONTEXT, skillpassContextUrl } from '../../src/domain/contexts.js';

const PUBLIC_URL = 'https://hub.example';
const SPEC_KEY = 'z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const contexts = bundledContexts(PUBLIC_URL);
const loader = createDocumentLoader(
  contexts,
  createDidResolver({ hubDid: 'did:web:hub.example', document: async () => undefined }),
);

/** A tripwire: records every call to globalThis.fetch made during a test. */
let fetchCalls: unknown[][];
const realFetch = globalThis.fetch;
beforeEach(() => {
  fetchCalls = [];
  globalThis.fetch = (async (...args: unknown[]) => {
    fetchCalls.push(args);
    throw new Error('network used');
  }) as typeof fetch;
});
afterEach(() => {
  globalThis.fetch = realFetch;
});

describe('createDocumentLoader', () => {
  it('serves the bundled VC 2.0 context by URL', async () => {
    const r = await loader(VC_V2_CONTEXT);
    expect(r).toEqual({
      contextUrl: null,
      documentUrl: VC_V2_CONTEXT,
      document: contexts.get(VC_V2_CONTEXT),
      tag: 'static',
    });
    expect(JSON.stringify(r.document)).toContain('"VerifiableCredential"');
  });

  it("serves the Open Badges 3.0 context and the hub's own context", async () => {
    expect((await loader(OB_V3_CONTEXT)).document).toBe(contexts.get(OB_V3_CONTEXT));
    expect(JSON.stringify((await loader(skillpassContextUrl(PUBLIC_URL))).document)).toContain(
      'assessmentDate',
    );
  });

  it('serves bundled contexts frozen, so no caller can edit the shared copy', async () => {
    const { document } = await loader(VC_V2_CONTEXT);
    expect(Object.isFrozen(document)).toBe(true);
  });

  it('throws UnknownDocumentError, with code and URL, for an unknown URL', async () => {
    const url = 'https://example.org/contexts/unknown/v1';
    await expect(loader(url)).rejects.toBeInstanceOf(UnknownDocumentError);
    await expect(loader(url)).rejects.toMatchObject({ code: 'unknown-document', url });
  });

  it('never fetches an http(s) URL', async () => {
    await expect(loader('http://example.org/context.jsonld')).rejects.toBeInstanceOf(UnknownDocumentError);
    await expect(loader('https://www.w3.org/ns/credentials/v1-not-bundled')).rejects.toBeInstanceOf(
      UnknownDocumentError,
    );
    expect(fetchCalls).toEqual([]);
  });

  it('resolves a did:key verification method through the resolver, offline', async () => {
    const url = `did:key:${SPEC_KEY}#${SPEC_KEY}`;
    expect((await loader(url)).document).toMatchObject({ id: url, publicKeyMultibase: SPEC_KEY });
    expect(fetchCalls).toEqual([]);
  });

  it('throws UnknownDocumentError for a DID it cannot resolve, without fetching', async () => {
    await expect(loader('did:web:elsewhere.example')).rejects.toBeInstanceOf(UnknownDocumentError);
    expect(fetchCalls).toEqual([]);
  });
});
