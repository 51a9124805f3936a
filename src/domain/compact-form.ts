/**
 * The compact-form rule (docs/architecture.md, "Rules that keep it trustworthy"): a Data Integrity proof
 * signs the RDF of a credential, not its JSON, and many JSON documents share one RDF graph
 * (a key written as its full IRI, a keyword alias, an inline context, `@graph`, `@included`,
 * `@reverse` ...). The checks read JSON keys, so a credential is judged only when its JSON is
 * the compact form its own (bundled) contexts define: JSON-LD 1.1 compaction
 * (https://www.w3.org/TR/json-ld11-api/#compaction-algorithm) of its expansion gives it back.
 *
 * Pure: the JSON-LD processing itself is the adapters'; this file holds what does not need
 * a processor (the shape rules checked before any processing, and the comparison after it).
 */

export interface FormProblem {
  /** where the document departs from its compact form, as a JSON path (`$.credentialStatus[0]`) */
  path: string;
  reason: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A one-element array and its element are the same statement in JSON-LD (expansion makes both
 * an array; https://www.w3.org/TR/json-ld11/#sets-and-lists), so a document is read with every
 * one-element array unwrapped: the checks then never meet `["2026-01-01T00:00:00Z"]` where they
 * expect a date. Unwrapping changes no RDF (`@list` containers read a single value as a list
 * of one, and `@list` objects are refused by `formShapeProblem` anyway).
 */
export function unwrapSingletons(value: unknown): unknown {
  if (Array.isArray(value)) {
    if (value.length === 1) return unwrapSingletons(value[0]);
    return value.map(unwrapSingletons);
  }
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      // a `__proto__` key stays a key (defined, not assigned, which would set the prototype)
      if (k === '__proto__')
        Object.defineProperty(out, k, {
          value: unwrapSingletons(value[k]),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else out[k] = unwrapSingletons(value[k]);
    }
    return out;
  }
  return value;
}

/**
 * Keywords a compact document may carry outside its top-level `@context`: a value object's
 * parts (a language-tagged name, https://www.w3.org/TR/vc-data-model-2.0/#language-and-base-direction).
 * Everything else (`@id`, `@type` instead of their aliases, `@graph`, `@included`, `@reverse`,
 * `@nest`, `@list`, `@set`, a nested `@context` ...) re-expresses or moves statements where the
 * checks do not look, and some of it survives a compaction round trip (`@included`, `@reverse`),
 * so it is refused before any processing.
 */
const VALUE_OBJECT_KEYWORDS = new Set(['@value', '@language', '@direction']);

/**
 * A proof may carry the `@context` of the document it signs (eddsa-jcs-2022 and other JCS
 * suites do: https://www.w3.org/TR/vc-di-eddsa/#proof-configuration-eddsa-jcs-2022); it then
 * defines nothing new. Returns the document without those proof contexts, or the problem
 * when a proof's context is not the start of the document's own list.
 */
export function withoutProofContexts(
  doc: Record<string, unknown>,
): { doc: Record<string, unknown> } | { problem: FormProblem } {
  if (doc.proof === undefined) return { doc };
  const top = Array.isArray(doc['@context']) ? doc['@context'] : [doc['@context']];
  const proofs = Array.isArray(doc.proof) ? doc.proof : [doc.proof];
  const stripped: unknown[] = [];
  for (const [i, proof] of proofs.entries()) {
    if (!isObject(proof) || !Object.hasOwn(proof, '@context')) {
      stripped.push(proof);
      continue;
    }
    const given = Array.isArray(proof['@context']) ? proof['@context'] : [proof['@context']];
    if (given.length > top.length || given.some((c, j) => typeof c !== 'string' || c !== top[j])) {
      return {
        problem: {
          path: `$.proof${Array.isArray(doc.proof) ? `[${i}]` : ''}["@context"]`,
          reason: "a proof context that is not the document's own",
        },
      };
    }
    const { '@context': _ctx, ...rest } = proof;
    stripped.push(rest);
  }
  return { doc: { ...doc, proof: Array.isArray(doc.proof) ? stripped : stripped[0] } };
}

/**
 * The shape rules judged before any JSON-LD processing: the top-level `@context` is a list of
 * context URLs (an inline context can define a second name for a term the checks read, and a
 * compaction round trip with that same context keeps it), and no other keyword appears.
 */
export function formShapeProblem(doc: Record<string, unknown>): FormProblem | undefined {
  const contexts = Array.isArray(doc['@context']) ? doc['@context'] : [doc['@context']];
  const inline = contexts.findIndex((c) => typeof c !== 'string');
  if (inline >= 0)
    return { path: `$["@context"][${inline}]`, reason: 'an inline context (only context URLs are accepted)' };
  return keywordProblem(doc, '$', true);
}

function keywordProblem(value: unknown, path: string, top: boolean): FormProblem | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = keywordProblem(value[i], `${path}[${i}]`, false);
      if (p) return p;
    }
    return undefined;
  }
  if (!isObject(value)) return undefined;
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('@') && !(top && k === '@context') && !VALUE_OBJECT_KEYWORDS.has(k)) {
      return { path: `${path}${keyPath(k)}`, reason: `the JSON-LD keyword ${k}` };
    }
    if (!(top && k === '@context')) {
      const p = keywordProblem(v, `${path}${keyPath(k)}`, false);
      if (p) return p;
    }
  }
  return undefined;
}

const idOnly = (v: unknown): unknown =>
  isObject(v) && Object.keys(v).length === 1 && typeof v.id === 'string' ? v.id : undefined;

const keyPath = (k: string): string =>
  /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`;

/** A one-element array read as its element, however deep the nesting ([[x]] is x), as unwrapSingletons does. */
function collapse(value: unknown): unknown {
  let v = value;
  while (Array.isArray(v) && v.length === 1) v = v[0];
  return v;
}

/**
 * Where `received` departs from `compacted`, one-element arrays read as their element (as
 * unwrapSingletons reads them, without copying either document): a key
 * the compaction writes differently (a full IRI, an alias, a duplicate merged under one term),
 * a value it writes differently, or a value it drops. Array order is kept by JSON-LD
 * processing, so arrays compare in order. Undefined when they are the same document.
 */
export function compactFormDifference(
  givenReceived: unknown,
  givenCompacted: unknown,
  path = '$',
): FormProblem | undefined {
  const received = collapse(givenReceived);
  const compacted = collapse(givenCompacted);
  if (Array.isArray(received) || Array.isArray(compacted)) {
    if (!Array.isArray(received) || !Array.isArray(compacted) || received.length !== compacted.length) {
      return { path, reason: 'a different number of values than the compact form' };
    }
    for (let i = 0; i < received.length; i++) {
      const p = compactFormDifference(received[i], compacted[i], `${path}[${i}]`);
      if (p) return p;
    }
    return undefined;
  }
  if (isObject(received) || isObject(compacted)) {
    // a node given by its id alone and that id are the same statement; compaction writes the
    // bare id for terms typed @id (`"issuer": {"id": "did:key:..."}` is `"issuer": "did:key:..."`)
    if (typeof received === 'string' || typeof compacted === 'string') {
      return idOnly(received) === compacted || idOnly(compacted) === received
        ? undefined
        : { path, reason: 'a value the compact form writes differently' };
    }
    if (!isObject(received) || !isObject(compacted))
      return { path, reason: 'a value the compact form writes differently' };
    for (const k of Object.keys(received)) {
      if (!Object.hasOwn(compacted, k))
        return {
          path: `${path}${keyPath(k)}`,
          reason: 'a key that is not a term of its contexts (a full IRI, an alias or a dropped value)',
        };
    }
    for (const [k, v] of Object.entries(compacted)) {
      if (!Object.hasOwn(received, k))
        return {
          path: `${path}${keyPath(k)}`,
          reason:
            'a term the compact form has and the document does not (its values are written under other keys)',
        };
      const p = compactFormDifference(received[k], v, `${path}${keyPath(k)}`);
      if (p) return p;
    }
    return undefined;
  }
  return received === compacted ? undefined : { path, reason: 'a value the compact form writes differently' };
}
