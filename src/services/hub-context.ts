import type { Store } from './ports.js';
import type { CredentialSigner, KeySealer, ProofVerifier } from './crypto-ports.js';
import type { DidResolver } from '../adapters/did/resolver.js';

/** Everything a use case may need, assembled once by the wiring (src/wiring.ts). */
export interface HubContext {
  store: Store;
  sealer: KeySealer;
  signer: CredentialSigner;
  proofs: ProofVerifier;
  resolver: DidResolver;
  contexts: Map<string, unknown>;
  clock: () => Date;
  publicUrl: string;
  hubDid: string;
}

export const nowIso = (ctx: Pick<HubContext, 'clock'>): string => ctx.clock().toISOString().replace(/\.\d{3}Z$/, 'Z');
