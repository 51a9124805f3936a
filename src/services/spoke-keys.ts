import type { HubContext } from './hub-context.js';
import type { Repositories, StoredSpokeKey } from './ports.js';
import type { SigningKey } from './crypto-ports.js';
import { generateEd25519 } from '../adapters/crypto/ed25519-keys.js';
import type { Ed25519PrivateJwk } from '../domain/keys.js';
import { SkillPassError } from '../domain/errors.js';

/** Creates a key for a DID: the private half sealed with the operator key, bound to its id. */
export function newSealedKey(ctx: Pick<HubContext, 'sealer'>, did: string, spoke: string, keyNumber: number, validFrom: string): StoredSpokeKey {
  const { privateJwk, publicKeyMultibase } = generateEd25519();
  const id = `${did}#key-${keyNumber}`;
  return { id, spoke, publicKeyMultibase, validFrom, validUntil: null, compromisedFrom: null, encryptedSecret: ctx.sealer.seal(JSON.stringify(privateJwk), id) };
}

export async function signingKeyFor(ctx: Pick<HubContext, 'sealer'>, repos: Pick<Repositories, 'spokes'>, slug: string, did: string): Promise<SigningKey> {
  const key = await repos.spokes.activeSigningKey(slug);
  if (!key) throw new SkillPassError('forbidden', 'This testing centre has no usable signing key.');
  return { verificationMethod: key.id, controller: did, privateJwk: JSON.parse(ctx.sealer.open(key.encryptedSecret, key.id)) as Ed25519PrivateJwk };
}
