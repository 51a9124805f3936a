import type { Accreditation, AqrfLevel, Framework, Qualification, Spoke, SpokeKey } from './types.js';
import type { HubAlias } from './hub-aliases.js';

/**
 * The hub's signed trust list: everything a verifier needs to judge issuer, accreditation
 * and level offline. Published as a compact JWS (RFC 7515, EdDSA) signed by the hub's key;
 * see README "Trust list" for the format.
 */
export const TRUST_LIST_TYPE = 'skillpass-trust-list+jwt';
export const TRUST_LIST_VERSION = 1;

export interface TrustListSpoke extends Spoke {
  keys: SpokeKey[];
  accreditations: Accreditation[];
}

export interface TrustList {
  type: 'SkillPassTrustList';
  version: typeof TRUST_LIST_VERSION;
  iss: string; // the hub's DID
  publicUrl: string;
  /** the public URLs (and DIDs) the hub had before `publicUrl`: certificates issued under them are still its own (README "Moving a hub") */
  aliases?: HubAlias[];
  sequence: number; // the registry version
  issuedAt: string;
  nextUpdate: string;
  hubKeys: Pick<SpokeKey, 'id' | 'publicKeyMultibase'>[];
  spokes: TrustListSpoke[];
  qualifications: Qualification[];
  frameworks: Framework[];
  aqrfLevels: AqrfLevel[];
}

export function buildTrustList(
  input: Omit<TrustList, 'type' | 'version' | 'nextUpdate'> & { validityHours: number },
): TrustList {
  const { validityHours, ...rest } = input;
  const nextUpdate = new Date(Date.parse(input.issuedAt) + validityHours * 3_600_000)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
  return { type: 'SkillPassTrustList', version: TRUST_LIST_VERSION, ...rest, nextUpdate };
}
