import { CompactSign, compactVerify, importJWK, type JWK } from 'jose';
import type { KeyPairs } from '../../../services/crypto-ports.js';
import { generateEd25519, privateKeyObject } from './ed25519-keys.js';
import { withJwks } from '../../did/document-keys.js';

/** The KeyPairs port: node:crypto's Ed25519 keys, their JWKs, and jose for compact JWS (the trust list, wallet key proofs). */
export const keyPairs: KeyPairs = {
  generateEd25519,
  withJwks,
  signCompactJws: (payload, protectedHeader, key) =>
    new CompactSign(payload).setProtectedHeader(protectedHeader).sign(privateKeyObject(key)),
  verifyCompactJws: async (jws, publicJwk) => {
    const alg = publicJwk.kty === 'EC' ? 'ES256' : 'EdDSA';
    try {
      const key = await importJWK({ ...(publicJwk as JWK), alg }, alg);
      await compactVerify(jws, key, { algorithms: [alg] });
      return true;
    } catch {
      return false;
    }
  },
};
