import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importJWK, jwtVerify, decodeProtectedHeader } from 'jose';
import { brickRequest, issue, startTestHub, bearer, type TestHub } from '../helpers/test-hub.js';
import { OB3_SCHEMA } from '../helpers/ob3-schema.js';

/**
 * SkillPass credentials judged by verifiers SkillPass did not write, with no network: the
 * Digital Credentials Consortium's verifier-core (signature, expiry, status list, OB 3.0
 * schema) and jose alone for the VC-JOSE form. The hub runs as https://hub.example; the only
 * "network" these libraries see is a fetch stub that answers from the hub's own routes (its
 * DID documents, status lists and context) and from the OB 3.0 schema fixture, and refuses
 * anything else, so nothing leaves the process.
 */
const PUBLIC_URL = 'https://hub.example';
const OB3_SCHEMA_URL =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';
const SKILLPASS_CONTEXT = 'https://w3id.org/skillpass/v1';

describe('independent verifiers accept SkillPass credentials, offline', () => {
  let hub: TestHub;
  const realFetch = globalThis.fetch;
  const fetched: string[] = [];
  const refused: string[] = [];
  beforeAll(async () => {
    hub = await startTestHub(undefined, { SKILLPASS_PUBLIC_URL: PUBLIC_URL });
    globalThis.fetch = (async (input: string | URL | Request) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      fetched.push(url);
      const json = (body: unknown) =>
        new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      if (url === OB3_SCHEMA_URL) return json(OB3_SCHEMA);
      const path =
        url === SKILLPASS_CONTEXT
          ? '/contexts/skillpass/v1.jsonld'
          : url.startsWith(`${PUBLIC_URL}/`)
            ? url.slice(PUBLIC_URL.length)
            : undefined;
      if (path === undefined) {
        refused.push(url);
        throw new TypeError(`no network in this test: ${url}`);
      }
      const res = await hub.app.inject({ url: path });
      return new Response(res.body, {
        status: res.statusCode,
        headers: { 'content-type': String(res.headers['content-type'] ?? 'application/json') },
      });
    }) as typeof fetch;
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await hub?.close();
  });

  const revoke = async (id: string) => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/credentials/status',
      headers: bearer(hub.tokens.khNtti),
      payload: {
        credentialId: id,
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
        status: true,
      },
    });
    expect(res.statusCode).toBe(200);
  };

  it('verifier-core (DCC): the signature, expiry and OB 3.0 schema steps pass for a certificate; a changed one fails its signature', async () => {
    const { verifyCredential } = await import('@digitalcredentials/verifier-core');
    const credential = (await issue(hub)).credential as Record<string, any>;
    const result = (await verifyCredential({ credential: credential as never, knownDIDRegistries: [] })) as {
      log?: { id: string; valid: boolean }[];
      errors?: unknown[];
    };
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const step = (id: string) => result.log?.find((s) => s.id === id);
    expect(step('valid_signature')).toMatchObject({ valid: true });
    expect(step('expiration')).toMatchObject({ valid: true });
    expect((result as { additionalInformation?: unknown }).additionalInformation).toEqual([
      expect.objectContaining({
        id: 'schema_check',
        results: [expect.objectContaining({ schema: OB3_SCHEMA_URL, result: { valid: true } })],
      }),
    ]);
    expect(refused).toEqual([]);
    const changed = structuredClone(credential);
    changed.credentialSubject.name = 'Someone Else';
    const bad = (await verifyCredential({ credential: changed as never, knownDIDRegistries: [] })) as {
      log?: { id: string; valid: boolean }[];
      errors?: { name: string }[];
    };
    const signature = bad.log?.find((s) => s.id === 'valid_signature');
    expect(signature?.valid === true, JSON.stringify(bad)).toBe(false);
  });

  it('verifier-core (DCC) reads the status: not revoked, then revoked once the centre revokes the certificate', async () => {
    const { verifyCredential } = await import('@digitalcredentials/verifier-core');
    const issued = await issue(hub);
    const credential = issued.credential as Record<string, any>;
    type Log = { log?: { id: string; valid?: boolean }[]; errors?: unknown[] };
    const statusStep = async () => {
      const r = (await verifyCredential({ credential: credential as never, knownDIDRegistries: [] })) as Log;
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      return r.log?.filter((s) => s.id.endsWith('_status'));
    };
    expect(await statusStep()).toEqual([{ id: 'revocation_status', valid: true }]);
    await revoke(issued.id);
    expect(await statusStep()).toEqual([{ id: 'revocation_status', valid: false }]);
    expect(refused).toEqual([]);
  });

  it('jose alone verifies a SkillPass JWT with the key its kid names in the DID document, and refuses a changed one', async () => {
    const jwt = (await issue(hub, brickRequest({ format: 'vc+jwt' }))).credential as string;
    const { kid } = decodeProtectedHeader(jwt);
    const [did, fragment] = String(kid).split('#');
    const path = `${did!
      .replace(/^did:web:hub\.example/, '')
      .split(':')
      .join('/')}/did.json`;
    const doc = (await (await fetch(`${PUBLIC_URL}${path}`)).json()) as {
      verificationMethod: { id: string; publicKeyJwk?: Record<string, string> }[];
    };
    const method = doc.verificationMethod.find((m) => m.id === kid || m.id === `#${fragment}`);
    expect(method?.publicKeyJwk).toBeDefined();
    const key = await importJWK(method!.publicKeyJwk!, 'EdDSA');
    const { payload, protectedHeader } = await jwtVerify(jwt, key, { issuer: did, typ: 'vc+jwt' });
    expect(protectedHeader.alg).toBe('EdDSA');
    expect(payload.jti).toBe(payload.id);
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const edited = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, any>;
    edited.credentialSubject.name = 'Someone Else';
    await expect(
      jwtVerify(`${h}.${Buffer.from(JSON.stringify(edited)).toString('base64url')}.${s}`, key),
    ).rejects.toThrow();
  });
});
