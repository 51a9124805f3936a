import { describe, expect, it } from 'vitest';
import jsonld from '../../src/adapters/crypto/jsonld/jsonld.js';

/**
 * jsonld.js files nodes in plain objects; a node named "__proto__" was Object.prototype itself,
 * and its properties were written onto every object of the process (src/adapters/crypto/jsonld/jsonld-node-names.ts).
 */
const protoNames = () => Object.getOwnPropertyNames(Object.prototype).sort();
const context = {
  ref: { '@id': 'http://example.org/ref', '@type': '@id' },
  name: 'http://example.org/name',
  knows: { '@reverse': 'http://example.org/knownBy' },
};

describe('jsonld.js node names', () => {
  it.each([
    [
      'an @id-typed value "__proto__" (how a status list URL did it)',
      { '@context': context, name: 'a', ref: '__proto__' },
    ],
    ['a node whose own @id is "__proto__"', { '@context': context, '@id': '__proto__', name: 'polluted' }],
    [
      'a node called "constructor"',
      { '@context': context, name: 'a', ref: { '@id': 'constructor', name: 'polluted' } },
    ],
    [
      'a named graph "toString"',
      {
        '@context': context,
        '@id': 'toString',
        '@graph': [{ '@id': 'http://example.org/x', name: 'polluted' }],
      },
    ],
    [
      'a reverse property to "hasOwnProperty"',
      {
        '@context': context,
        '@id': 'http://example.org/s',
        '@reverse': { 'http://example.org/knows': { '@id': 'hasOwnProperty', name: 'polluted' } },
      },
    ],
  ])('%s is refused as a syntax error, and Object.prototype is untouched', async (_name, doc) => {
    const before = protoNames();
    // safe mode refuses some of these earlier (a relative @id); without it, only the guard stands between them and Object.prototype
    await expect(jsonld.toRDF(structuredClone(doc), { safe: true, base: null })).rejects.toThrow();
    await expect(jsonld.toRDF(structuredClone(doc), { safe: false, base: null })).rejects.toThrow(
      /named "(__proto__|constructor|toString|hasOwnProperty)"/,
    );
    expect(protoNames()).toEqual(before);
    expect(({} as Record<string, unknown>)['@id']).toBeUndefined();
  });

  it('ordinary node names (IRIs, blank nodes) still become RDF', async () => {
    const quads = await jsonld.toRDF(
      {
        '@context': context,
        '@id': 'http://example.org/s',
        name: 'a',
        ref: 'http://example.org/o',
        knows: { name: 'b' },
      },
      { safe: true, base: null },
    );
    expect(quads.length).toBe(4);
  });
});
