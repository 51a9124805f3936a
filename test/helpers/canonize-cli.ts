// Reads JSON-LD documents (a JSON array) on stdin and prints their RDFC-1.0 canonical N-Quads
// as a JSON array: used to compare jsonld.js with and without the fast-context change
// (SKILLPASS_JSONLD_STOCK=1 in the environment turns it off).
import jsonld from 'jsonld';
import { canonize } from 'rdf-canonize';
import { bundledContexts } from '../../src/adapters/contexts/bundled-contexts.js';
import { installFastContexts } from '../../src/adapters/crypto/jsonld-fast-contexts.js';

const publicUrl = process.argv[2] ?? 'http://127.0.0.1:3999';
const contexts = bundledContexts(publicUrl);
const documentLoader = async (url: string) => {
  const document = contexts.get(url);
  if (!document) throw new Error(`unknown ${url}`);
  return { contextUrl: null, documentUrl: url, document, tag: 'static' };
};
const patched = await installFastContexts();
let input = '';
for await (const chunk of process.stdin) input += String(chunk);
const out: string[] = [];
for (const doc of JSON.parse(input) as unknown[]) {
  const dataset = await jsonld.toRDF(doc, { documentLoader, safe: true, base: null, rdfDirection: 'i18n-datatype' });
  out.push(await canonize(dataset, { algorithm: 'RDFC-1.0' }));
}
process.stdout.write(JSON.stringify({ patched, nquads: out }));
