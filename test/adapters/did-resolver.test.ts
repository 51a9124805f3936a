import { describe, expect, it } from 'vitest';
import { createDidResolver } from '../../src/adapters/did/resolver.js';
import type { HubDidDocuments } from '../../src/adapters/did/hub-did-web-driver.js';
import { didDocumentFor, type DidDocument } from '../../src/domain/did-document.js';
import {
  base58btcEncode,
  jwkThumbprint,
  multibaseToEd25519PublicKey,
} from '../../src/adapters/crypto/keys/multikey.js';

const SPEC_KEY = 'z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const SPEC_DID = `did:key:${SPEC_KEY}`;
const HUB = 'did:web:hub.example';
const SPOKE = `${HUB}:spokes:kh-ntti`;

/** The hub's DID documents as plain data, recording which DIDs it was asked for. */
function hubDocuments(docs: DidDocument[]): HubDidDocuments & { asked: string[] } {
  const byDid = new Map(docs.map((d) => [d.id, d]));
  const asked: string[] = [];
  return {
    hubDid: HUB,
    asked,
    document: async (did) => {
      asked.push(did);
      return byDid.get(did);
    },
  };
}

const spokeDoc = didDocumentFor(SPOKE, [
  { id: `${SPOKE}#key-1`, publicKeyMultibase: 'z6MkKeyOne' },
  { id: `${SPOKE}#key-2`, publicKeyMultibase: 'z6MkKeyTwo' },
]);

describe('createDidResolver: did:key', () => {
  it('resolves a did:key locally to a document holding that key for assertion', async () => {
    const source = hubDocuments([]);
    const doc = await createDidResolver(source).dereference(SPEC_DID);
    // the same key twice: as Multikey, and as a JsonWebKey method named by its JWK thumbprint (one method may not hold both, cid-1.0)
    const jwk = {
      kty: 'OKP',
      crv: 'Ed25519',
      x: Buffer.from(multibaseToEd25519PublicKey(SPEC_KEY)).toString('base64url'),
    } as const;
    const jwkId = `${SPEC_DID}#${jwkThumbprint(jwk)}`;
    expect(doc).toMatchObject({
      id: SPEC_DID,
      verificationMethod: [
        {
          id: `${SPEC_DID}#${SPEC_KEY}`,
          type: 'Multikey',
          controller: SPEC_DID,
          publicKeyMultibase: SPEC_KEY,
        },
        {
          id: jwkId,
          type: 'JsonWebKey',
          controller: SPEC_DID,
          publicKeyJwk: { ...jwk, kid: jwkThumbprint(jwk) },
        },
      ],
      assertionMethod: [`${SPEC_DID}#${SPEC_KEY}`, jwkId],
      authentication: [`${SPEC_DID}#${SPEC_KEY}`, jwkId],
    });
    expect(
      (doc!.verificationMethod as object[]).every((m) => !('publicKeyJwk' in m && 'publicKeyMultibase' in m)),
    ).toBe(true);
    expect(source.asked).toEqual([]);
  });

  it('dereferences the key fragment to the verification method, with the Multikey context', async () => {
    const vm = await createDidResolver(hubDocuments([])).dereference(`${SPEC_DID}#${SPEC_KEY}`);
    expect(vm).toEqual({
      '@context': 'https://w3id.org/security/multikey/v1',
      id: `${SPEC_DID}#${SPEC_KEY}`,
      type: 'Multikey',
      controller: SPEC_DID,
      publicKeyMultibase: SPEC_KEY,
    });
  });

  it('returns undefined for a fragment the document does not have', async () => {
    expect(await createDidResolver(hubDocuments([])).dereference(`${SPEC_DID}#other`)).toBeUndefined();
  });

  it('returns undefined for a did:key that is not Ed25519', async () => {
    const x25519 = `z${base58btcEncode(Uint8Array.from([0xec, 0x01, ...new Uint8Array(32).fill(7)]))}`;
    expect(await createDidResolver(hubDocuments([])).dereference(`did:key:${x25519}`)).toBeUndefined();
  });
});

describe('createDidResolver: did:web', () => {
  it("resolves a centre's did:web from the hub's documents", async () => {
    expect(await createDidResolver(hubDocuments([spokeDoc])).dereference(SPOKE)).toEqual(spokeDoc);
  });

  it("dereferences one of a centre's keys by fragment", async () => {
    expect(await createDidResolver(hubDocuments([spokeDoc])).dereference(`${SPOKE}#key-2`)).toMatchObject({
      id: `${SPOKE}#key-2`,
      publicKeyMultibase: 'z6MkKeyTwo',
    });
  });

  it("returns undefined for a path under the hub that the hub's documents do not know", async () => {
    expect(
      await createDidResolver(hubDocuments([spokeDoc])).dereference(`${HUB}:spokes:ghost`),
    ).toBeUndefined();
  });

  it('returns undefined for a did:web of another host, without asking the hub documents', async () => {
    const source = hubDocuments([spokeDoc]);
    expect(
      await createDidResolver(source).dereference('did:web:elsewhere.example:spokes:kh-ntti'),
    ).toBeUndefined();
    expect(source.asked).toEqual([]);
  });

  it('does not treat a host that merely starts with the hub host as the hub', async () => {
    // a source that would answer anything: the driver itself must refuse the foreign host
    const permissive: HubDidDocuments = { hubDid: HUB, document: async (did) => didDocumentFor(did, []) };
    expect(await createDidResolver(permissive).dereference('did:web:hub.example.evil.test')).toBeUndefined();
  });
});

describe('createDidResolver: other input', () => {
  it('returns undefined for an unsupported DID method', async () => {
    expect(await createDidResolver(hubDocuments([])).dereference('did:example:123')).toBeUndefined();
  });

  it('returns undefined for text that is not a DID', async () => {
    expect(await createDidResolver(hubDocuments([])).dereference('https://hub.example/')).toBeUndefined();
  });
});
