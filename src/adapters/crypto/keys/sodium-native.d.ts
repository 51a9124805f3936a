// sodium-native ships no types. Declared here once, only what is used, and imported only by
// ./ed25519.ts, which gives the rest of the code a typed, checked API.
declare module 'sodium-native' {
  /** libsodium crypto_sign_verify_detached: throws on wrong lengths, false on a bad signature */
  export function crypto_sign_verify_detached(
    signature: Uint8Array,
    message: Uint8Array,
    publicKey: Uint8Array,
  ): boolean;
  const sodium: { crypto_sign_verify_detached: typeof crypto_sign_verify_detached };
  export default sodium;
}
