/**
 * A memo for the compaction half of the compact-form check (./compact-form-check.ts), so a
 * stream of distinct certificates of the same shape pays one JSON-LD compaction per shape, not
 * one per certificate (it was ~40% of a worker's time per Data Integrity credential).
 *
 * Why it is sound: JSON-LD compaction (https://www.w3.org/TR/json-ld11-api/#compaction-algorithm)
 * chooses every key and every value form from the expanded document's keys, `@type`s,
 * `@language`s, `@index`es, containers and IRIs, never from the text of a literal: a
 * `{"@value": "Sok Dara"}` compacts the same way whatever its string holds. IRIs are different
 * (an IRI becomes a term or a compact IRI when a term's IRI is a prefix of it), so an `@id` is
 * abstracted only when no string of the credential's contexts (no term, no IRI, no prefix) is a
 * prefix of it: then IRI compaction (§6.3 "IRI Compaction") leaves it as it is, as it leaves
 * the placeholder standing in for it (checked the same way).
 *
 * So: each `@value` string and each such `@id` of the expansion becomes a numbered placeholder,
 * the skeleton is compacted once and memoised, and a credential's compacted form is the
 * skeleton's with its own strings put back. Whenever that reasoning might not hold (a document
 * already holding a placeholder-like string, a placeholder that comes back as a key or not
 * exactly once, contexts that are not all bundled URLs) the caller compacts the real document.
 * test/adapters/compact-form-memo.test.ts compares the two on the adversarial corpus.
 */
import { BoundedMap } from '../../../domain/bounded-map.js';
import type { DocumentLoader } from './digitalbazaar.js';

const VALUE_MARK = '\u0000skillpass-value:';
const IRI_MARK = 'urn:x-skillpass-placeholder:';
const marked = (s: string): boolean => s.includes(VALUE_MARK) || s.includes(IRI_MARK);
/** skeletons longer than this are compacted each time (a memo key is the skeleton's JSON) */
const MAX_KEY_CHARS = 64_000;

/** the strings of the context documents, keys and values, nested contexts included: anything a term, IRI or prefix can be */
async function contextStrings(
  contexts: readonly string[],
  loader: DocumentLoader,
): Promise<string[] | undefined> {
  const found = new Set<string>();
  const pending = [...contexts];
  const loaded = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') found.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        found.add(k);
        if (k === '@context')
          for (const c of ([] as unknown[]).concat(x)) if (typeof c === 'string') pending.push(c);
        walk(x);
      }
  };
  while (pending.length) {
    const url = pending.pop()!;
    if (loaded.has(url)) continue;
    loaded.add(url);
    try {
      walk((await loader(url)).document);
    } catch {
      return undefined;
    }
  }
  // an empty string would be a prefix of every IRI: then nothing is abstracted
  return found.has('') ? undefined : [...found];
}

/** the last index of a string <= q in `sorted` (ascending, by code unit), or -1 */
function floorIndex(sorted: readonly string[], q: string): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= q) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Is one of `sorted` a prefix of `iri`? The largest string s <= q either is a prefix of q, or
 * every prefix of q in the list is also a prefix of the part q shares with s (a longer one
 * would sort between s and q): so search again with that shared part.
 */
export function hasPrefixIn(sorted: readonly string[], iri: string): boolean {
  let q = iri;
  while (q.length > 0) {
    const i = floorIndex(sorted, q);
    if (i < 0) return false;
    const s = sorted[i]!;
    if (q.startsWith(s)) return true;
    let shared = 0;
    while (shared < s.length && shared < q.length && s.charCodeAt(shared) === q.charCodeAt(shared)) shared++;
    q = q.slice(0, shared);
  }
  return false;
}

interface ContextFacts {
  /** can an IRI at an `@id` be replaced by a placeholder? */
  inert(iri: string): boolean;
}

/** per document loader (what a context URL means is the loader's): context facts and compacted skeletons, both bounded */
interface Memo {
  facts: BoundedMap<string, Promise<ContextFacts | undefined>>;
  compactions: BoundedMap<string, unknown>;
}
const memos = new WeakMap<DocumentLoader, Memo>();
const memoFor = (loader: DocumentLoader): Memo => {
  let memo = memos.get(loader);
  if (!memo) memos.set(loader, (memo = { facts: new BoundedMap(64), compactions: new BoundedMap(256) }));
  return memo;
};

function contextFacts(contexts: unknown, loader: DocumentLoader): Promise<ContextFacts | undefined> {
  const list = ([] as unknown[]).concat(contexts);
  if (!list.length || !list.every((c): c is string => typeof c === 'string'))
    return Promise.resolve(undefined);
  const key = JSON.stringify(list);
  const { facts: byContexts } = memoFor(loader);
  let facts = byContexts.get(key);
  if (!facts) {
    facts = contextStrings(list, loader).then((strings) => {
      if (!strings) return undefined;
      const sorted = strings.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return { inert: (iri: string) => !hasPrefixIn(sorted, iri) };
    });
    byContexts.set(key, facts);
  }
  return facts;
}

interface Skeleton {
  key: string;
  skeleton: unknown;
  /** the strings the placeholders stand for, by number */
  values: string[];
}

/** The expansion with its literal strings and inert IRIs numbered, or undefined when it cannot be. */
function skeletonOf(expanded: unknown[], facts: ContextFacts): Skeleton | undefined {
  const values: string[] = [];
  let clash = false;
  const take = (s: string, mark: string): string => {
    if (values.length >= 10_000) clash = true;
    values.push(s);
    return `${mark}${values.length - 1}`;
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (marked(v)) clash = true;
      return v;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (marked(k)) clash = true;
        // a document already holding placeholder text is compacted in full: any string, anywhere
        if (k === '@value' && typeof x === 'string') out[k] = marked(x) ? walk(x) : take(x, VALUE_MARK);
        else if (k === '@id' && typeof x === 'string' && !marked(x) && facts.inert(x))
          out[k] = take(x, IRI_MARK);
        // a JSON literal's value is kept whole: compaction hands it back as it is
        else out[k] = k === '@value' ? x : walk(x);
        if (k === '__proto__') clash = true;
      }
      return out;
    }
    return v;
  };
  const skeleton = walk(expanded);
  if (clash) return undefined;
  for (let i = 0; i < values.length; i++) if (!facts.inert(`${IRI_MARK}${i}`)) return undefined;
  const key = JSON.stringify(skeleton);
  return key.length > MAX_KEY_CHARS ? undefined : { key, skeleton, values };
}

/** The compacted skeleton with the credential's own strings back, or undefined if a placeholder is not where one can be. */
function fillIn(compacted: unknown, values: readonly string[]): unknown {
  const used = new Array<boolean>(values.length).fill(false);
  let bad = false;
  const placeholder = (s: string): number | undefined => {
    for (const mark of [VALUE_MARK, IRI_MARK])
      if (s.startsWith(mark)) {
        const n = Number(s.slice(mark.length));
        return Number.isInteger(n) && n >= 0 && n < values.length ? n : -1;
      }
    return marked(s) ? -1 : undefined;
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const n = placeholder(v);
      if (n === undefined) return v;
      if (n < 0 || used[n]) {
        bad = true;
        return v;
      }
      used[n] = true;
      return values[n];
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (placeholder(k) !== undefined || k === '__proto__') bad = true;
        out[k] = walk(x);
      }
      return out;
    }
    return v;
  };
  const filled = walk(compacted);
  return bad || used.some((u) => !u) ? undefined : filled;
}

/**
 * The compaction of `expanded` against `contexts`, through the memo when it is sound to use
 * (see above), else by `compact` on the real expansion.
 */
export async function compactWithMemo(
  expanded: unknown[],
  contexts: unknown,
  loader: DocumentLoader,
  compact: (expanded: unknown[]) => Promise<unknown>,
): Promise<unknown> {
  const facts = await contextFacts(contexts, loader);
  const skeleton = facts && skeletonOf(expanded, facts);
  if (!skeleton) return compact(expanded);
  const key = `${JSON.stringify(contexts)}\n${skeleton.key}`;
  const { compactions } = memoFor(loader);
  let compacted = compactions.get(key);
  if (compacted === undefined) {
    try {
      compacted = await compact(skeleton.skeleton as unknown[]);
    } catch {
      return compact(expanded); // the real document's own error, for the verdict
    }
    compactions.set(key, compacted);
  }
  const filled = fillIn(compacted, skeleton.values);
  return filled === undefined ? compact(expanded) : filled;
}
