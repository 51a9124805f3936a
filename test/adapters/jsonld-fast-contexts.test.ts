import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { ROOT, TSX } from '../helpers/server-process.js';
import { buildCertificateCredential } from '../../src/domain/certificate-credential.js';
import { buildStatusListCredential } from '../../src/domain/status-list-credential.js';

/**
 * The jsonld.js speed-ups (cheap context clones, memoised context processing) must not
 * change a single quad: the same documents are canonicalised by two processes, one with
 * stock jsonld.js, one with the changes, each twice (the second pass hits the memo).
 */
const publicUrl = 'http://127.0.0.1:3999';
const spoke = {
  slug: 'kh',
  did: 'did:web:h:spokes:kh',
  name: 'Centre',
  country: 'KH',
  createdAt: '2026-01-01T00:00:00Z',
};
const q = (code: string, level: number) => ({
  code,
  title: { en: `Q ${code}` },
  country: 'TH',
  framework: 'TH-TPQF',
  level,
  isco08: '7112',
  validityYears: 5,
  createdAt: '2026-01-01T00:00:00Z',
});
const framework = { id: 'TH-TPQF', name: { en: 'Thai' }, country: 'TH', levelCount: 8, referencing: [] };
const cert = (code: string, extra: Record<string, unknown> = {}) => ({
  ...buildCertificateCredential({
    id: `urn:uuid:${code}`,
    publicUrl,
    issuedAt: '2026-05-01T10:00:00Z',
    spoke,
    qualification: q(code, 2),
    framework,
    aqrfLevel: 2,
    holder: { name: 'Sok Dara', birthDate: '1995-04-12', documentNumber: 'N1', showBirthDate: true },
    identitySalt: 'x',
    assessment: { date: '2026-04-30', language: 'km', result: 'competent', score: '87' },
    credentialStatus: [
      {
        id: `${publicUrl}/status-lists/x#5`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '5',
        statusListCredential: `${publicUrl}/status-lists/x`,
      },
    ],
  }),
  ...extra,
});
const corpus = [
  cert('A'),
  cert('B', {
    description: 'with a description',
    credentialSubject: {
      ...(cert('B').credentialSubject as object),
      result: [
        { type: ['Result'], status: 'Completed' },
        { type: ['Result'], status: 'Completed' },
      ],
    },
  }),
  cert('C', {
    proof: {
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      created: '2026-05-01T10:00:00Z',
      verificationMethod: 'did:web:h:spokes:kh#key-1',
      proofPurpose: 'assertionMethod',
      proofValue: 'zabc',
    },
  }),
  buildStatusListCredential({
    publicUrl,
    listId: 'x',
    issuer: spoke.did,
    purpose: 'suspension',
    bits: new Uint8Array(16),
    validFrom: '2026-05-01T10:00:00Z',
  }),
  {
    '@context': ['https://www.w3.org/2018/credentials/v1', 'https://w3id.org/security/data-integrity/v2'],
    type: ['VerifiableCredential'],
    issuer: 'did:example:1',
    issuanceDate: '2026-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:2' },
  },
  {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiablePresentation'],
    verifiableCredential: [cert('D')],
  },
];

interface Canonicalised {
  speedups: { contextMemo: boolean; fastClone: boolean };
  memo: { hits: number; misses: number }[];
  passes: string[][];
}

function canonicalise(stock: boolean): Canonicalised {
  const r = spawnSync(TSX, ['test/helpers/canonize-cli.ts', publicUrl], {
    cwd: ROOT,
    input: JSON.stringify(corpus),
    encoding: 'utf8',
    env: { ...process.env, SKILLPASS_JSONLD_STOCK: stock ? '1' : '0' },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Canonicalised;
}

describe('jsonld.js fast contexts', () => {
  it('produce exactly the canonical N-Quads of stock jsonld.js', () => {
    const stock = canonicalise(true);
    const fast = canonicalise(false);
    expect(stock.speedups).toEqual({ contextMemo: false, fastClone: false });
    expect(fast.speedups).toEqual({ contextMemo: true, fastClone: true });
    // the second pass reuses processed contexts instead of redefining every scoped term
    const [firstMemo, secondMemo] = fast.memo;
    expect(secondMemo?.hits).toBeGreaterThan(20);
    expect(secondMemo?.misses).toBeLessThan((firstMemo?.misses ?? 0) / 2);
    const [first, second] = fast.passes;
    expect(first).toHaveLength(corpus.length);
    for (const [i, nq] of (first ?? []).entries()) {
      expect(nq.length).toBeGreaterThan(100);
      expect(nq, `document ${i}`).toBe(stock.passes[0]?.[i]);
      expect(second?.[i], `document ${i}, second pass`).toBe(nq);
      expect(stock.passes[1]?.[i], `document ${i}, stock second pass`).toBe(nq);
    }
  }, 60_000);
});
