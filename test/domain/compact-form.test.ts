import { describe, expect, it } from 'vitest';
import {
  compactFormDifference,
  formShapeProblem,
  unwrapSingletons,
  withoutProofContexts,
} from '../../src/domain/compact-form.js';

/** The compact-form rule's pure parts (src/domain/compact-form.ts), one test per rule. */
const V2 = 'https://www.w3.org/ns/credentials/v2';

describe('unwrapSingletons', () => {
  it('reads a one-element array as its element, at any depth, and keeps longer arrays', () => {
    expect(unwrapSingletons({ a: ['x'], b: [{ c: ['y'] }], d: ['p', 'q'], e: [] })).toEqual({
      a: 'x',
      b: { c: 'y' },
      d: ['p', 'q'],
      e: [],
    });
  });
  it('keeps a __proto__ key a key (it never becomes the prototype)', () => {
    const out = unwrapSingletons(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}')) as Record<
      string,
      unknown
    >;
    expect(Object.keys(out)).toEqual(['__proto__', 'a']);
    expect((out as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});

describe('formShapeProblem', () => {
  it('accepts context URLs and value objects', () => {
    expect(
      formShapeProblem({
        '@context': [V2, 'https://example.org/c'],
        name: { '@value': 'Dara', '@language': 'km', '@direction': 'ltr' },
      }),
    ).toBeUndefined();
    expect(formShapeProblem({ '@context': V2, type: 'VerifiableCredential' })).toBeUndefined();
  });
  it('refuses an inline context object', () => {
    expect(
      formShapeProblem({ '@context': [V2, { cs: 'https://www.w3.org/2018/credentials#credentialStatus' }] }),
    ).toMatchObject({ path: '$["@context"][1]' });
  });
  it('refuses a document without @context (nothing defines its terms)', () => {
    expect(formShapeProblem({ type: 'VerifiableCredential' })).toMatchObject({ path: '$["@context"][0]' });
  });
  for (const keyword of [
    '@id',
    '@type',
    '@graph',
    '@included',
    '@reverse',
    '@nest',
    '@list',
    '@set',
    '@index',
    '@vocab',
    '@base',
    '@json',
  ]) {
    it(`refuses the keyword ${keyword} anywhere`, () => {
      expect(formShapeProblem({ '@context': V2, [keyword]: 'x' })?.path).toBe(
        `$[${JSON.stringify(keyword)}]`,
      );
      expect(
        formShapeProblem({ '@context': V2, credentialSubject: [{ a: 1 }, { b: { [keyword]: 'x' } }] })?.path,
      ).toBe(`$.credentialSubject[1].b[${JSON.stringify(keyword)}]`);
    });
  }
  it('refuses a nested @context', () => {
    expect(
      formShapeProblem({ '@context': V2, credentialStatus: { '@context': { purpose: 'x' } } }),
    ).toMatchObject({ path: '$.credentialStatus["@context"]' });
  });
});

describe('compactFormDifference', () => {
  it('finds nothing between a document and itself, whatever the key order', () => {
    expect(
      compactFormDifference({ a: 1, b: { c: ['x', 'y'] } }, { b: { c: ['x', 'y'] }, a: 1 }),
    ).toBeUndefined();
  });
  it('finds a key the compact form writes otherwise (a full IRI)', () => {
    expect(
      compactFormDifference(
        { 'https://www.w3.org/2018/credentials#credentialStatus': {} },
        { credentialStatus: {} },
      ),
    ).toMatchObject({ path: '$["https://www.w3.org/2018/credentials#credentialStatus"]' });
  });
  it('finds a term the compact form has that the document lacks', () => {
    expect(compactFormDifference({ a: 1 }, { a: 1, credentialStatus: {} })).toMatchObject({
      path: '$.credentialStatus',
    });
  });
  it('finds a different value, and a different number of values', () => {
    expect(compactFormDifference({ a: 'x' }, { a: 'y' })).toMatchObject({ path: '$.a' });
    expect(compactFormDifference({ a: ['x', 'y'] }, { a: ['x', 'y', 'z'] })).toMatchObject({ path: '$.a' });
    expect(compactFormDifference({ a: ['x', 'y'] }, { a: ['y', 'x'] })).toMatchObject({ path: '$.a[0]' });
    expect(compactFormDifference({ a: 5 }, { a: '5' })).toMatchObject({ path: '$.a' });
    expect(compactFormDifference({ a: { b: 1 } }, { a: 'b' })).toMatchObject({ path: '$.a' });
  });
  it('takes a node given by its id alone as that id (compaction writes the bare id for @id-typed terms)', () => {
    expect(
      compactFormDifference({ issuer: { id: 'did:key:z6Mk' } }, { issuer: 'did:key:z6Mk' }),
    ).toBeUndefined();
    expect(
      compactFormDifference({ issuer: 'did:key:z6Mk' }, { issuer: { id: 'did:key:z6Mk' } }),
    ).toBeUndefined();
    expect(
      compactFormDifference({ issuer: { id: 'did:key:z6Mk', name: 'x' } }, { issuer: 'did:key:z6Mk' }),
    ).toMatchObject({ path: '$.issuer' });
    expect(
      compactFormDifference({ issuer: { id: 'did:key:other' } }, { issuer: 'did:key:z6Mk' }),
    ).toMatchObject({ path: '$.issuer' });
  });
  it('does not take inherited names (constructor, __proto__) for keys', () => {
    expect(compactFormDifference(JSON.parse('{"constructor": 1}'), {})).toMatchObject({
      path: '$.constructor',
    });
    expect(compactFormDifference({}, JSON.parse('{"__proto__": 1}'))).toMatchObject({ path: '$.__proto__' });
  });
});

describe('withoutProofContexts', () => {
  const OB = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
  it("drops a proof's copy of the document's contexts (JCS suites carry one), in a single proof or a set", () => {
    expect(
      withoutProofContexts({
        '@context': [V2, OB],
        proof: { '@context': [V2, OB], type: 'DataIntegrityProof' },
      }),
    ).toEqual({ doc: { '@context': [V2, OB], proof: { type: 'DataIntegrityProof' } } });
    expect(
      withoutProofContexts({ '@context': [V2, OB], proof: [{ '@context': [V2], a: 1 }, { b: 2 }] }),
    ).toEqual({ doc: { '@context': [V2, OB], proof: [{ a: 1 }, { b: 2 }] } });
  });
  it("refuses a proof context that is not the start of the document's own", () => {
    expect(withoutProofContexts({ '@context': [V2, OB], proof: { '@context': [OB] } })).toMatchObject({
      problem: { path: '$.proof["@context"]' },
    });
    expect(
      withoutProofContexts({ '@context': [V2], proof: [{}, { '@context': [V2, { cs: 'x' }] }] }),
    ).toMatchObject({ problem: { path: '$.proof[1]["@context"]' } });
  });
});
