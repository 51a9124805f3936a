import { bearer, brickRequest, issue, type TestHub } from './test-hub.js';

/** Certificates in the states the pages must show: valid, revoked or suspended by its centre, tampered with, from an unknown issuer, uncheckable. */
export async function issueValid(hub: TestHub, overrides: Record<string, unknown> = {}) {
  return issue(hub, brickRequest(overrides)) as Promise<
    Awaited<ReturnType<typeof issue>> & { qr: { content: string; version: number }; warnings: string[] }
  >;
}

export async function issueRevoked(hub: TestHub, overrides: Record<string, unknown> = {}) {
  const issued = await issueValid(hub, {
    holder: { name: 'Chan Sophea', birthDate: '1990-02-03' },
    ...overrides,
  });
  await setStatus(hub, issued.id, 'revocation');
  return issued;
}

/** Suspended by its centre (temporary: it may be reinstated). */
export async function issueSuspended(hub: TestHub, overrides: Record<string, unknown> = {}) {
  const issued = await issueValid(hub, {
    holder: { name: 'Keo Malis', birthDate: '1992-07-09' },
    ...overrides,
  });
  await setStatus(hub, issued.id, 'suspension');
  return issued;
}

/** Revokes or suspends a certificate as its centre (kh-ntti) does; throws unless the hub answers 200. */
export async function setStatus(
  hub: TestHub,
  credentialId: string,
  statusPurpose: 'revocation' | 'suspension',
) {
  const res = await hub.app.inject({
    method: 'POST',
    url: '/credentials/status',
    headers: bearer(hub.tokens.khNtti),
    payload: {
      credentialId,
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose },
      status: true,
    },
  });
  if (res.statusCode !== 200) throw new Error(`${statusPurpose} failed: ${res.statusCode} ${res.body}`);
}

/** A signed credential whose worker name was changed afterwards: its proof no longer matches. */
export async function tamperedCredential(hub: TestHub): Promise<Record<string, unknown>> {
  const issued = await issueValid(hub);
  const c = issued.credential as Record<string, unknown>;
  return {
    ...c,
    credentialSubject: { ...(c.credentialSubject as Record<string, unknown>), name: 'Someone Else' },
  };
}

/** A credential naming an issuer this hub does not know (a foreign did:web it never resolves). */
export async function unknownIssuerCredential(hub: TestHub): Promise<Record<string, unknown>> {
  const c = (await issueValid(hub)).credential as Record<string, Record<string, unknown>>;
  return {
    ...c,
    issuer: { ...c.issuer, id: 'did:web:other-hub.example:spokes:x' },
    proof: { ...c.proof, verificationMethod: 'did:web:other-hub.example:spokes:x#key-1' },
  };
}

/** A credential that cannot be checked offline: it names a JSON-LD context this hub does not bundle (never fetched). */
export async function uncheckableCredential(hub: TestHub): Promise<Record<string, unknown>> {
  const c = (await issueValid(hub)).credential as Record<string, unknown>;
  return { ...c, '@context': [...(c['@context'] as string[]), 'https://elsewhere.example/context.jsonld'] };
}

export const bareId = (id: string) => id.replace(/^urn:uuid:/, '');
