import type { Store } from './ports.js';
import type {
  CredentialSigner,
  DidResolver,
  KeyPairs,
  KeySealer,
  PresentationVerifier,
  ProofVerifier,
} from './crypto-ports.js';
import type { Formats } from './format-ports.js';
import type { HubAliases } from '../domain/hub-aliases.js';

/** Everything a use case may need, assembled once by the wiring (src/wiring.ts). */
export interface HubContext {
  store: Store;
  sealer: KeySealer;
  signer: CredentialSigner;
  proofs: ProofVerifier;
  presentations: PresentationVerifier;
  keys: KeyPairs;
  resolver: DidResolver;
  /** QR codes, the credential QR payload, CSV, ZIP and PDF text */
  formats: Formats;
  contexts: Map<string, unknown>;
  clock: () => Date;
  publicUrl: string;
  hubDid: string;
  /** the public URL and DID now, and those the hub had before (README "Moving a hub") */
  aliases: HubAliases;
  /** how long a credential offer for a wallet stays open (services/wallets/wallet-offers.ts; default 7) */
  walletOfferDays?: number;
}

export const nowIso = (ctx: Pick<HubContext, 'clock'>): string =>
  ctx
    .clock()
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');

/**
 * The clock to the millisecond, for the instants that decide trust: a certificate's issuance
 * (validFrom, proof created) and a key rotation. Whole seconds would leave a signature made at
 * 10:00:00.400 and a rotation at 10:00:00.700 both at "10:00:00", so which key was valid could
 * not be told apart (README, "Key rotation"). The same text as nowIso on a whole second.
 */
export const instantIso = (ctx: Pick<HubContext, 'clock'>): string =>
  ctx
    .clock()
    .toISOString()
    .replace(/\.000Z$/, 'Z');

/**
 * The same hub with its clock moved to `iso` (and ticking on from there with the hub's own
 * clock): for work that happened earlier, such as the demo pilot's timeline, whose registry,
 * certificates and checks are dated in the quarters before the seeding day
 * (./registry/seed-demo-outcomes.ts). Everything else is shared.
 */
export const contextAt = (ctx: HubContext, iso: string): HubContext => {
  const offset = Date.parse(iso) - ctx.clock().getTime();
  return { ...ctx, clock: () => new Date(ctx.clock().getTime() + offset) };
};
