import type { HubContext } from '../../src/services/hub-context.js';
import { generateEd25519 } from '../../src/adapters/crypto/keys/ed25519-keys.js';

/** A credential from an issuer outside the hub, identified by did:key, signed with Data Integrity. */
export async function didKeyCredential(
  ctx: HubContext,
  version: 1 | 2 = 2,
): Promise<Record<string, unknown>> {
  const { privateJwk, publicKeyMultibase } = generateEd25519();
  const did = `did:key:${publicKeyMultibase}`;
  const now = '2026-11-19T08:00:00Z';
  const credential =
    version === 2
      ? {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          type: ['VerifiableCredential'],
          issuer: did,
          validFrom: now,
          credentialSubject: { id: 'did:example:worker', name: 'Sok Dara' },
        }
      : {
          '@context': [
            'https://www.w3.org/2018/credentials/v1',
            'https://w3id.org/security/data-integrity/v2',
          ],
          type: ['VerifiableCredential'],
          issuer: did,
          issuanceDate: now,
          credentialSubject: { id: 'did:example:worker' },
        };
  return ctx.signer.signDataIntegrity(
    credential,
    { verificationMethod: `${did}#${publicKeyMultibase}`, controller: did, privateJwk },
    now,
  );
}
