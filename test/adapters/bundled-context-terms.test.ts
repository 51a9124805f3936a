import { describe, expect, it } from 'vitest';
import jsonld from '../../src/adapters/crypto/jsonld/jsonld.js';
import { bundledContexts } from '../../src/adapters/contexts/bundled-contexts.js';
import { createDocumentLoader } from '../../src/adapters/contexts/document-loader.js';
import { createDidResolver } from '../../src/adapters/did/resolver.js';

/**
 * The compact-form rule (src/domain/compact-form.ts) makes a credential's JSON the form its
 * contexts define; the checks then read fixed term names. That holds only while no bundled
 * context offers a second name for an IRI the checks read (a context added to a credential's
 * list would otherwise let a shorter alias win compaction and hide, say, credentialStatus),
 * and no term aliases a keyword other than id and type. This test holds every bundled
 * context, with every scoped context inside it, to that.
 */
const CHECKED_TERMS: Record<string, string> = {
  'https://www.w3.org/2018/credentials#credentialStatus': 'credentialStatus',
  'https://www.w3.org/2018/credentials#credentialSubject': 'credentialSubject',
  'https://www.w3.org/2018/credentials#issuer': 'issuer',
  'https://www.w3.org/2018/credentials#validFrom': 'validFrom',
  'https://www.w3.org/2018/credentials#validUntil': 'validUntil',
  'https://www.w3.org/2018/credentials#issuanceDate': 'issuanceDate',
  'https://www.w3.org/2018/credentials#expirationDate': 'expirationDate',
  'https://www.w3.org/2018/credentials#verifiableCredential': 'verifiableCredential',
  'https://w3id.org/security#proof': 'proof',
  'https://w3id.org/security#verificationMethod': 'verificationMethod',
  'https://w3id.org/security#cryptosuite': 'cryptosuite',
  'https://w3id.org/security#proofPurpose': 'proofPurpose',
  'https://w3id.org/security#proofValue': 'proofValue',
  'http://purl.org/dc/terms/created': 'created',
  'https://www.w3.org/ns/credentials/status#statusPurpose': 'statusPurpose',
  'https://www.w3.org/ns/credentials/status#statusListIndex': 'statusListIndex',
  'https://www.w3.org/ns/credentials/status#statusListCredential': 'statusListCredential',
  'https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievement': 'achievement',
  'https://purl.imsglobal.org/spec/vc/ob/vocab.html#humanCode': 'humanCode',
  'https://purl.imsglobal.org/spec/vc/ob/vocab.html#alignment': 'alignment',
  'https://purl.imsglobal.org/spec/vc/ob/vocab.html#targetType': 'targetType',
  'https://purl.imsglobal.org/spec/vc/ob/vocab.html#targetCode': 'targetCode',
  'https://w3id.org/skillpass/vocab#assessment': 'assessment',
  'https://w3id.org/skillpass/vocab#assessmentDate': 'assessmentDate',
  'https://w3id.org/skillpass/vocab#assessmentLanguage': 'assessmentLanguage',
};
const KEYWORD_ALIASES: Record<string, string> = { '@id': 'id', '@type': 'type' };

interface Definition {
  '@id'?: unknown;
  '@context'?: unknown;
}
interface ActiveContext {
  mappings: Map<string, Definition | null>;
}

/** Every term of every context in `contexts` (and of their scoped contexts) that names a checked IRI otherwise, or aliases another keyword. */
async function secondNames(contexts: Map<string, unknown>): Promise<string[]> {
  const documentLoader = createDocumentLoader(
    contexts,
    createDidResolver({ hubDid: 'did:web:hub.example', document: async () => undefined }),
  );
  const initial = await jsonld.processContext(null, null, {});
  const seen = new WeakSet<object>();
  const found: string[] = [];
  const walk = async (active: ActiveContext, where: string, depth: number): Promise<void> => {
    for (const [term, def] of active.mappings) {
      if (!def) continue;
      const iri = def['@id'];
      if (typeof iri === 'string') {
        const expected = CHECKED_TERMS[iri] ?? KEYWORD_ALIASES[iri];
        if (
          (expected !== undefined && expected !== term) ||
          (iri.startsWith('@') && !(iri in KEYWORD_ALIASES) && !['@json', '@none'].includes(iri))
        ) {
          found.push(`${where}: "${term}" -> ${iri}`);
        }
      }
      const scoped = def['@context'];
      if (scoped && typeof scoped === 'object' && !seen.has(scoped) && depth < 4) {
        seen.add(scoped);
        // a scoped context may redefine protected terms (it is applied with that right); on its own it still shows its names
        const child = await jsonld
          .processContext(active, scoped, { documentLoader })
          .catch(() => jsonld.processContext(initial, scoped, { documentLoader }));
        await walk(child as ActiveContext, `${where} > ${term}`, depth + 1);
      }
    }
  };
  for (const url of contexts.keys())
    await walk((await jsonld.processContext(initial, url, { documentLoader })) as ActiveContext, url, 0);
  return found;
}

describe('bundled JSON-LD contexts offer one name for each IRI the checks read', () => {
  it('no context, nor any scoped context in it, names a checked IRI otherwise, or aliases a keyword but id and type', async () => {
    const contexts = bundledContexts('https://hub.example');
    expect(contexts.size).toBeGreaterThan(8);
    expect(await secondNames(contexts)).toEqual([]);
  });

  it('finds a second name, in a context or in a scoped one, and a keyword alias', async () => {
    const planted = new Map<string, unknown>([
      [
        'https://planted.example/c',
        {
          '@context': {
            cs: { '@id': 'https://www.w3.org/2018/credentials#credentialStatus', '@type': '@id' },
            Thing: {
              '@id': 'https://planted.example/Thing',
              '@context': { until: 'https://www.w3.org/2018/credentials#validUntil' },
            },
            incl: '@included',
          },
        },
      ],
    ]);
    // (a scoped context's walk also lists the names it inherits)
    expect(await secondNames(planted)).toEqual(
      expect.arrayContaining([
        'https://planted.example/c > Thing: "until" -> https://www.w3.org/2018/credentials#validUntil',
        'https://planted.example/c: "cs" -> https://www.w3.org/2018/credentials#credentialStatus',
        'https://planted.example/c: "incl" -> @included',
      ]),
    );
  });
});
