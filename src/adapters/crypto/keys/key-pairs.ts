import { CompactSign } from 'jose';
import type { KeyPairs } from '../../../services/crypto-ports.js';
import { generateEd25519, privateKeyObject } from './ed25519-keys.js';
import { withJwks } from '../../did/document-keys.js';

/** The KeyPairs port: node:crypto's Ed25519 keys, their JWKs, and jose for compact JWS (the trust list). */
export const keyPairs: KeyPairs = {
  generateEd25519,
  withJwks,
  signCompactJws: (payload, protectedHeader, key) =>
    new CompactSign(payload).setProtectedHeader(protectedHeader).sign(privateKeyObject(key)),
};
