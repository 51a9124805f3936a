import { VC_V2_CONTEXT } from './contexts.js';
import { encodeList } from './bitstring.js';

/**
 * Certificate status as Bitstring Status Lists (https://www.w3.org/TR/vc-bitstring-status-list/).
 *
 * Each centre's list number n is a pair of one-bit lists with the same indexes:
 * `<centre>-<n>-revocation` (statusPurpose "revocation") and its companion
 * `<centre>-<n>-suspension` (statusPurpose "suspension"). A certificate gets one index in a pair.
 *
 * It carries ONE status entry (OB 3.0's AchievementCredential has one `credentialStatus`): the
 * revocation entry, the purpose every standard verifier implements, so a revoked certificate is
 * revoked to any of them. Suspension (temporary, reversible) is the companion list's bit at the
 * same index, which the certificate does not name: SkillPass verifiers read it with the
 * revocation bit (../checks/status-check.ts); other verifiers see revocation only
 * (README "Status lists"). Certificates issued by earlier versions carry two entries, one per
 * list of their pair; nothing else differs.
 */
export const STATUS_PURPOSES = ['revocation', 'suspension'] as const;
export type StatusPurpose = (typeof STATUS_PURPOSES)[number];
/** The ids of a list number's two lists. */
export type StatusPair = Record<StatusPurpose, string>;

export const statusListUrl = (publicUrl: string, listId: string): string =>
  `${publicUrl}/status-lists/${listId}`;
export const statusListId = (spoke: string, listNumber: number, purpose: StatusPurpose): string =>
  `${spoke}-${listNumber}-${purpose}`;

/**
 * The companion suspension list of a revocation list, by the naming convention (a list id or
 * URL ending in `-revocation`); undefined for any other name.
 */
export function companionOf(revocationList: string): string | undefined {
  return revocationList.endsWith('-revocation')
    ? `${revocationList.slice(0, -'revocation'.length)}suspension`
    : undefined;
}

/** One BitstringStatusListEntry (spec §2.1): index `index` of list `listId` (statusSize 1, the default). */
export function statusEntry(
  publicUrl: string,
  listId: string,
  purpose: StatusPurpose,
  index: number,
): Record<string, unknown> {
  const url = statusListUrl(publicUrl, listId);
  return {
    id: `${url}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: purpose,
    statusListIndex: String(index),
    statusListCredential: url,
  };
}

/** The credentialStatus of a certificate issued now: the revocation entry of its index. */
export const credentialStatusFor = (
  publicUrl: string,
  lists: StatusPair,
  index: number,
): Record<string, unknown> => statusEntry(publicUrl, lists.revocation, 'revocation', index);

/**
 * The unsigned BitstringStatusListCredential for a list (spec §2.2): `credentialSubject` is a
 * BitstringStatusList with the list's statusPurpose and its GZIP-compressed, multibase
 * base64url `encodedList`.
 */
export function buildStatusListCredential(o: {
  publicUrl: string;
  listId: string;
  issuer: string;
  purpose: StatusPurpose;
  bits: Uint8Array;
  validFrom: string;
}): Record<string, unknown> {
  const url = statusListUrl(o.publicUrl, o.listId);
  return {
    '@context': [VC_V2_CONTEXT],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: o.issuer,
    validFrom: o.validFrom,
    credentialSubject: {
      id: `${url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: o.purpose,
      encodedList: encodeList(o.bits),
    },
  };
}
