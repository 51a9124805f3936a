import { createHash } from 'node:crypto';
import type { Holder } from './types.js';
import { normaliseDocument, normaliseName } from './holder-key.js';

/**
 * The credential subject's `identifier` (Open Badges 3.0 §B.1 AchievementSubject: "either `id`
 * or at least one `identifier` MUST be supplied"; IdentityObject): salted SHA-256 hashes of
 * the data that identifies the worker, so a verifier holding the worker's identity document
 * can check it without the credential printing more personal data. Pure: the salt is passed in.
 *
 * IdentityHash (OB 3.0 §B.1 IdentityHash): "sha256$" + the lowercase hexadecimal SHA-256 of the
 * UTF-8 identifier with the salt appended. What is hashed, by identityType (an OB extension
 * value, `ext:` prefix, since neither is in the enumeration):
 *   ext:nameBirthDate  normalised name (./holder-key.ts normaliseName) + "|" + birth date (YYYY-MM-DD)
 *   ext:documentNumber normalised document number (./holder-key.ts normaliseDocument)
 */
export const IDENTITY_TYPES = {
  nameBirthDate: 'ext:nameBirthDate',
  documentNumber: 'ext:documentNumber',
} as const;

export interface IdentityObject {
  type: 'IdentityObject';
  identityHash: string;
  identityType: string;
  hashed: true;
  salt: string;
}

/** The identifying data a verifier may hold: name and birth date, or a document number. */
export interface HolderClaim {
  name?: string;
  birthDate?: string;
  documentNumber?: string;
}

const identityHash = (identifier: string, salt: string): string =>
  `sha256$${createHash('sha256')
    .update(identifier + salt, 'utf8')
    .digest('hex')}`;

const identifierOf = (type: string, claim: HolderClaim): string | undefined => {
  if (type === IDENTITY_TYPES.nameBirthDate)
    return claim.name && claim.birthDate ? `${normaliseName(claim.name)}|${claim.birthDate}` : undefined;
  if (type === IDENTITY_TYPES.documentNumber)
    return claim.documentNumber ? normaliseDocument(claim.documentNumber) : undefined;
  return undefined;
};

/** One IdentityObject per identifying datum the centre gave (birth date with the name, document number). */
export function identityObjects(holder: Holder, salt: string): IdentityObject[] {
  return Object.values(IDENTITY_TYPES).flatMap((identityType) => {
    const identifier = identifierOf(identityType, holder);
    return identifier
      ? [
          {
            type: 'IdentityObject' as const,
            identityHash: identityHash(identifier, salt),
            identityType,
            hashed: true as const,
            salt,
          },
        ]
      : [];
  });
}

export interface HolderMatch {
  matched: boolean;
  /** what was compared: an identityType, "clear" (a credential carrying the data in clear), or null (nothing to compare) */
  identityType: string | null;
}

/**
 * Does the claim match the credential's identifiers? The first identifier whose type the claim
 * can answer decides; a credential without one (issued before identifiers) is compared with
 * the data it carries in clear. Nothing to compare is not a match.
 */
export function matchHolder(
  identifiers: readonly {
    identityType?: unknown;
    identityHash?: unknown;
    salt?: unknown;
    hashed?: unknown;
  }[],
  clear: { name?: string; birthDate?: string; documentNumber?: string },
  claim: HolderClaim,
): HolderMatch {
  for (const id of identifiers) {
    if (typeof id.identityType !== 'string' || typeof id.identityHash !== 'string') continue;
    const identifier = identifierOf(id.identityType, claim);
    if (identifier === undefined) continue;
    const expected =
      id.hashed === true ? identityHash(identifier, typeof id.salt === 'string' ? id.salt : '') : identifier;
    return {
      matched: id.identityHash.toLowerCase() === expected.toLowerCase(),
      identityType: id.identityType,
    };
  }
  if (claim.documentNumber && clear.documentNumber) {
    return {
      matched: normaliseDocument(claim.documentNumber) === normaliseDocument(clear.documentNumber),
      identityType: 'clear',
    };
  }
  if (claim.name && claim.birthDate && clear.name && clear.birthDate) {
    return {
      matched: normaliseName(claim.name) === normaliseName(clear.name) && claim.birthDate === clear.birthDate,
      identityType: 'clear',
    };
  }
  return { matched: false, identityType: null };
}
