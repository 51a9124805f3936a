import type { Outcome } from '../domain/verification-result.js';
import type { CheckCode } from '../domain/check-codes.js';
import type { Ed25519PrivateJwk } from '../domain/keys.js';

/** Signing and proof-checking ports; the crypto adapters implement them. */
export type CredentialFormat = 'di' | 'vc+jwt';

export interface SigningKey {
  verificationMethod: string;
  controller: string;
  privateJwk: Ed25519PrivateJwk;
}

export interface CredentialSigner {
  signDataIntegrity(credential: Record<string, unknown>, key: SigningKey, created: string, cryptosuite?: 'eddsa-rdfc-2022' | 'eddsa-jcs-2022'): Promise<Record<string, unknown>>;
  /** VC-JOSE; `signedAt` becomes the iat claim (the issuance instant) */
  signJwt(credential: Record<string, unknown>, key: SigningKey, signedAt?: string): Promise<string>;
}

/**
 * Whether a credential's JSON is the compact form its JSON-LD contexts define
 * (../domain/compact-form.ts): only then do the checks read what was signed.
 */
export type FormVerdict = { outcome: 'valid' } | { outcome: 'invalid' | 'indeterminate'; code: CheckCode; message: string };

/** What checking a proof tells: the outcome, and who signed and when (for the trust checks). */
export interface ProofOutcome {
  outcome: Outcome;
  code?: CheckCode;
  message: string;
  verificationMethod?: string;
  created?: string;
  /** the compact-form verdict, when the proof check judged it on the way (a Data Integrity check expands the document anyway) */
  form?: FormVerdict;
}

/** What the caller already knows: the registry version it read, so the issuer's DID document is taken from that version without reading it again. */
export interface ProofContext { registryVersion?: number }

export interface ProofVerifier {
  /** the compact-form check on its own (a JWT's credential, a presentation's envelope) */
  checkForm(document: Record<string, unknown>): Promise<FormVerdict>;
  verifyDataIntegrity(credential: Record<string, unknown>, context?: ProofContext): Promise<ProofOutcome>;
  verifyJwt(jwt: string, issuer: string, context?: ProofContext): Promise<ProofOutcome>;
}

export interface KeySealer {
  seal(plaintext: string, associatedData: string): string;
  open(sealed: string, associatedData: string): string;
}
