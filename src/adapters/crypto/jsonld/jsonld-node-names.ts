/**
 * jsonld.js (9.0.0) keeps its node map, node id -> node, in plain objects
 * (jsonld/lib/nodeMap.js, createNodeMap: `subjects[name] = subjects[name] || {}`). A node
 * whose id is the name of an Object.prototype member finds that member instead of a new node:
 * with "__proto__" (a value of an @id-typed term such as `statusListCredential`, which safe
 * mode refuses only later, while writing the RDF) the node IS Object.prototype, and every
 * property of the node, the attacker's values, is written onto every object of the process.
 * One unauthenticated POST /verifications did that; the next request could then abort the
 * process ("invalid size error" in V8, found by test/http/route-fuzz.test.ts).
 *
 * No legitimate document names a node "__proto__", "constructor", "toString"...: a node id
 * is an absolute IRI or a blank node label (`_:b0`). This wraps createNodeMap, which
 * jsonld.js calls for every node it files (its recursion goes through the exported api
 * object), and refuses such a name before it is used as a key. toRDF, canonize, flatten and
 * frame all build their node maps through it.
 */
interface NodeMapApi {
  createNodeMap: (
    input: unknown,
    graphs: unknown,
    graph: unknown,
    issuer: unknown,
    name?: unknown,
    list?: unknown,
  ) => void;
}

const GUARDED = Symbol.for('skillpass.jsonld.nodeNameGuard');

/** A key that a plain object already answers for (Object.prototype's members): never a node name. */
const inherited = (name: unknown): name is string => typeof name === 'string' && name in Object.prototype;

function refuse(name: string): never {
  // the same shape as jsonld.js's own syntax errors, so callers report it as they report those
  throw Object.assign(
    new Error(`Invalid JSON-LD syntax; a node or graph is named "${name}", which is not an IRI.`),
    { name: 'jsonld.SyntaxError', details: { code: 'invalid node name' } },
  );
}

export function installNodeNameGuard(api: NodeMapApi): void {
  if ((api as unknown as Record<symbol, unknown>)[GUARDED]) return;
  const original = api.createNodeMap;
  api.createNodeMap = (input, graphs, graph, issuer, name, list) => {
    if (inherited(graph)) refuse(graph);
    if (inherited(name)) refuse(name);
    if (input !== null && typeof input === 'object' && !Array.isArray(input) && Object.hasOwn(input, '@id')) {
      const id = (input as Record<string, unknown>)['@id'];
      if (inherited(id)) refuse(id);
    }
    original(input, graphs, graph, issuer, name, list);
  };
  (api as unknown as Record<symbol, unknown>)[GUARDED] = true;
}
