import { bearer, brickRequest, issue, type TestHub } from './test-hub.js';

/** Certificates in the states the pages must show: valid, revoked by its centre, tampered with. */
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
  const res = await hub.app.inject({
    method: 'POST',
    url: '/credentials/status',
    headers: bearer(hub.tokens.khNtti),
    payload: {
      credentialId: issued.id,
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
      status: true,
    },
  });
  if (res.statusCode !== 200) throw new Error(`revoke failed: ${res.statusCode} ${res.body}`);
  return issued;
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

export const bareId = (id: string) => id.replace(/^urn:uuid:/, '');
