// Reads JSON-LD documents (a JSON array) on stdin and prints their RDFC-1.0 canonical N-Quads
// as a JSON array: used to compare jsonld.js with and without the fast-context change
// (SKILLPASS_JSONLD_STOCK=1 in the environment turns it off). Every document is canonicalised
// twice, so the second pass runs on memoised contexts (./jsonld-context-memo.ts).
import jsonld, { jsonldSpeedups } from '../../src/adapters/crypto/jsonld/jsonld.js';
import { canonize } from 'rdf-canonize';
import { bundledContexts } from '../../src/adapters/contexts/bundled-contexts.js';

const publicUrl = process.argv[2] ?? 'http://127.0.0.1:3999';
const contexts = bundledContexts(publicUrl);
const documentLoader = async (url: string) => {
  const document = contexts.get(url);
  if (!document) throw new Error(`unknown ${url}`);
  return { contextUrl: null, documentUrl: url, document, tag: 'static' };
};
let input = '';
for await (const chunk of process.stdin) input += String(chunk);
const passes: string[][] = [];
const memo: { hits: number; misses: number }[] = [];
for (let pass = 0; pass < 2; pass++) {
  const before = jsonldSpeedups.memoStats();
  const out: string[] = [];
  for (const doc of JSON.parse(input) as unknown[]) {
    const dataset = await jsonld.toRDF(doc, {
      documentLoader,
      safe: true,
      base: null,
      rdfDirection: 'i18n-datatype',
    });
    out.push(await canonize(dataset, { algorithm: 'RDFC-1.0' }));
  }
  passes.push(out);
  const after = jsonldSpeedups.memoStats();
  memo.push({ hits: after.hits - before.hits, misses: after.misses - before.misses });
}
process.stdout.write(
  JSON.stringify({
    speedups: { contextMemo: jsonldSpeedups.contextMemo, fastClone: jsonldSpeedups.fastClone },
    memo,
    passes,
  }),
);
