import { CompactSign } from 'jose';
import type { CredentialSigner } from '../../../services/crypto-ports.js';
import { signDataIntegrity, type DocumentLoader } from './digitalbazaar.js';
import { privateKeyObject } from '../keys/ed25519-keys.js';
import { inlineProofRunner, type ProofRunner } from '../workers/proof-pool.js';
import { jwkThumbprint } from '../keys/multikey.js';
import { credentialOfJwtPayload, jwtClaimsFor } from '../../../domain/jwt-payload.js';

/**
 * Signs credentials as Data Integrity (eddsa-rdfc-2022 by default, or eddsa-jcs-2022)
 * or as VC-JOSE (https://www.w3.org/TR/vc-jose-cose/#securing-with-jose): a compact JWS
 * whose payload is the credential itself with the registered claims that mirror it (Open
 * Badges 3.0 §8.2: iss, jti, sub, nbf, exp; and iat, ../../../domain/jwt-payload.ts), typ
 * "vc+jwt" (README "The credential" says why not OB 3.0's "JWT"), alg EdDSA, kid the key's
 * JsonWebKey method (`<did>#<JWK thumbprint>`, ../../../domain/did-document.ts), so a JOSE
 * library imports what the kid dereferences to as it is.
 * eddsa-rdfc-2022 goes through the fast path (./eddsa-rdfc-2022.ts) in the proof runner, so
 * a cohort's signatures use every core; eddsa-jcs-2022 through the library.
 */
export function createCredentialSigner(
  documentLoader: DocumentLoader,
  publicUrls: string | readonly string[],
  runner: ProofRunner = inlineProofRunner,
): CredentialSigner {
  const urls = typeof publicUrls === 'string' ? [publicUrls] : publicUrls;
  return {
    signDataIntegrity: (credential, key, created, cryptosuite = 'eddsa-rdfc-2022') =>
      cryptosuite === 'eddsa-rdfc-2022'
        ? runner
            .sign({
              json: JSON.stringify(credential),
              privateJwk: key.privateJwk,
              verificationMethod: key.verificationMethod,
              created,
              publicUrls: urls,
            })
            .then((proof) => ({ ...credential, proof }))
        : signDataIntegrity({
            credential,
            privateJwk: key.privateJwk,
            verificationMethod: key.verificationMethod,
            controller: key.controller,
            created,
            cryptosuite,
            documentLoader,
          }),
    signJwt: async (credential, key, signedAt) => {
      const payload = { ...jwtClaimsFor(credential, signedAt), ...credentialOfJwtPayload(credential) };
      const kid = `${key.verificationMethod.split('#')[0]}#${jwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: key.privateJwk.x })}`;
      return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
        .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'vc+jwt', cty: 'vc' })
        .sign(privateKeyObject(key.privateJwk));
    },
  };
}
