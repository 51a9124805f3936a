import type { Outcome } from '../domain/verification-result.js';
import type { CheckCode } from '../domain/check-codes.js';
import type { Ed25519PrivateJwk } from '../domain/keys.js';
import type { DidDocument, DocumentKey } from '../domain/did-document.js';

/** Signing and proof-checking ports; the crypto adapters implement them. */
export type CredentialFormat = 'di' | 'vc+jwt';

export interface SigningKey {
  verificationMethod: string;
  controller: string;
  privateJwk: Ed25519PrivateJwk;
}

export interface CredentialSigner {
  signDataIntegrity(
    credential: Record<string, unknown>,
    key: SigningKey,
    created: string,
    cryptosuite?: 'eddsa-rdfc-2022' | 'eddsa-jcs-2022',
  ): Promise<Record<string, unknown>>;
  /** VC-JOSE; `signedAt` becomes the iat claim (the issuance instant) */
  signJwt(credential: Record<string, unknown>, key: SigningKey, signedAt?: string): Promise<string>;
}

/**
 * Whether a credential's JSON is the compact form its JSON-LD contexts define
 * (../domain/compact-form.ts): only then do the checks read what was signed.
 */
export type FormVerdict =
  { outcome: 'valid' } | { outcome: 'invalid' | 'indeterminate'; code: CheckCode; message: string };

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
export interface ProofContext {
  registryVersion?: number;
}

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

/** Verifying a Verifiable Presentation's own (holder's) proof, with the verifier's challenge and domain. */
export interface PresentationVerifier {
  verifyProof(
    presentation: Record<string, unknown>,
    challenge: string | undefined,
    domain: string | undefined,
  ): Promise<{ verified: boolean; error?: string }>;
}

/** Key pairs and what is made with them outside a credential proof. */
export interface KeyPairs {
  /** a new Ed25519 key pair: the private JWK and the public key as multibase */
  generateEd25519(): { privateJwk: Ed25519PrivateJwk; publicKeyMultibase: string };
  /** keys with their JWKs attached, so a DID document publishes each as a JsonWebKey method too (../domain/did-document.ts) */
  withJwks(keys: readonly Pick<DocumentKey, 'id' | 'publicKeyMultibase'>[]): DocumentKey[];
  /** a compact JWS over `payload`, signed with EdDSA (Ed25519) under the protected header */
  signCompactJws(
    payload: Uint8Array,
    protectedHeader: { alg: 'EdDSA'; kid: string; typ: string },
    key: Ed25519PrivateJwk,
  ): Promise<string>;
  /** whether a compact JWS (EdDSA with Ed25519, or ES256 with P-256: a wallet's key proof) verifies with this public JWK */
  verifyCompactJws(jws: string, publicJwk: Record<string, unknown>): Promise<boolean>;
}

/** did-resolver hands resolution options to the driver: the hub's did:web driver answers from this registry version when given. */
export interface DereferenceOptions {
  registryVersion?: number;
}

/**
 * The one DID resolver (docs/architecture.md): the JSON-LD document loader and the JWT key
 * lookup both ask it (../adapters/did/resolver.ts).
 */
export interface DidResolver {
  /** DID document for a DID, or the verification method for a DID URL with a fragment. */
  dereference(didUrl: string, options?: DereferenceOptions): Promise<Record<string, unknown> | undefined>;
}

/**
 * The source of the hub's did:web documents (../adapters/did/hub-did-web-driver.ts): the hub's
 * DID and its centres' DIDs resolve from the registry with no network.
 */
export interface HubDidDocuments {
  hubDid: string;
  /** the hub's DIDs under its former public URLs (README "Moving a hub"): still its own */
  formerHubDids?: readonly string[];
  /** `registryVersion`: the version the caller has just read (one verification reads it once) */
  document(did: string, registryVersion?: number): Promise<DidDocument | undefined>;
}
