import type { HubContext } from '../hub-context.js';
import type { Repositories, StoredSpokeKey } from '../ports.js';
import type { SigningKey } from '../crypto-ports.js';
import type { Ed25519PrivateJwk } from '../../domain/keys.js';
import { SkillPassError } from '../../domain/errors.js';
import { keyValidAt } from '../../domain/spoke-key.js';

/** Creates a key for a DID: the private half sealed with the operator key, bound to its id. */
export function newSealedKey(
  ctx: Pick<HubContext, 'sealer' | 'keys'>,
  did: string,
  spoke: string,
  keyNumber: number,
  validFrom: string,
): StoredSpokeKey {
  const { privateJwk, publicKeyMultibase } = ctx.keys.generateEd25519();
  const id = `${did}#key-${keyNumber}`;
  return {
    id,
    spoke,
    publicKeyMultibase,
    validFrom,
    validUntil: null,
    compromisedFrom: null,
    encryptedSecret: ctx.sealer.seal(JSON.stringify(privateJwk), id),
  };
}

export async function signingKeyFor(
  ctx: Pick<HubContext, 'sealer'>,
  repos: Pick<Repositories, 'spokes'>,
  slug: string,
  did: string,
): Promise<SigningKey> {
  const key = await repos.spokes.activeSigningKey(slug);
  if (!key) throw new SkillPassError('forbidden', 'This testing centre has no usable signing key.');
  return {
    verificationMethod: key.id,
    controller: did,
    privateJwk: JSON.parse(ctx.sealer.open(key.encryptedSecret, key.id)) as Ed25519PrivateJwk,
  };
}

/**
 * In the unit of work that stores certificates signed with `keyId` at `issuedAt`: does the
 * registry, as it stands now, accept that key at that instant? Signing runs outside any unit of
 * work, so the key may have been rotated meanwhile (or a newer key read for an instant taken
 * before it existed); such a signature is not stored but made again with the current key.
 * Holding the keys in share makes a rotation wait for this unit of work and read its instant
 * after it (key-lifecycle.ts): a key still current here stays valid for `issuedAt` for good.
 */
export async function signedWithValidKey(
  tx: Pick<Repositories, 'spokes'>,
  slug: string,
  keyId: string,
  issuedAt: string,
): Promise<boolean> {
  await tx.spokes.lockKeys(slug, 'share');
  const key = await tx.spokes.key(keyId);
  return key !== undefined && key.spoke === slug && keyValidAt(key, issuedAt).ok;
}

/** How many times an issuance signs again when the centre's key keeps changing under it, before giving up with a 409. */
export const SIGNING_ATTEMPTS = 3;

export const keyChangedError = (): SkillPassError =>
  new SkillPassError(
    'conflict',
    "The testing centre's signing key changed while this certificate was being signed; try again.",
  );
