/** An Ed25519 private key as JWK (RFC 8037): the one at-rest shape for every signer. */
export interface Ed25519PrivateJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  d: string;
}
