import { CompactSign } from 'jose';
import type { CredentialSigner } from '../../services/crypto-ports.js';
import { signDataIntegrity, type DocumentLoader } from './digitalbazaar.js';
import { privateKeyObject } from './ed25519-keys.js';
import { inlineProofRunner, type ProofRunner } from './proof-pool.js';

/**
 * Signs credentials as Data Integrity (eddsa-rdfc-2022 by default, or eddsa-jcs-2022)
 * or as VC-JOSE (https://www.w3.org/TR/vc-jose-cose/#securing-with-jose): a compact JWS
 * whose payload is the credential itself, typ "vc+jwt", alg EdDSA, kid the verification method.
 * eddsa-rdfc-2022 goes through the fast path (./eddsa-rdfc-2022.ts) in the proof runner, so
 * a cohort's signatures use every core; eddsa-jcs-2022 through the library.
 */
export function createCredentialSigner(documentLoader: DocumentLoader, publicUrl: string, runner: ProofRunner = inlineProofRunner): CredentialSigner {
  return {
    signDataIntegrity: (credential, key, created, cryptosuite = 'eddsa-rdfc-2022') => cryptosuite === 'eddsa-rdfc-2022'
      ? runner.sign({ json: JSON.stringify(credential), privateJwk: key.privateJwk, verificationMethod: key.verificationMethod, created, publicUrl })
        .then((proof) => ({ ...credential, proof }))
      : signDataIntegrity({ credential, privateJwk: key.privateJwk, verificationMethod: key.verificationMethod, controller: key.controller, created, cryptosuite, documentLoader }),
    signJwt: async (credential, key) =>
      new CompactSign(new TextEncoder().encode(JSON.stringify(credential)))
        .setProtectedHeader({ alg: 'EdDSA', kid: key.verificationMethod, typ: 'vc+jwt', cty: 'vc' })
        .sign(privateKeyObject(key.privateJwk)),
  };
}
