import { VC_V2_CONTEXT } from './contexts.js';
import { encodeList } from './bitstring.js';

/**
 * Certificate status as Bitstring Status Lists (https://www.w3.org/TR/vc-bitstring-status-list/).
 *
 * A certificate carries ONE status entry (OB 3.0 AchievementCredential: `credentialStatus` is
 * one CredentialStatus): `statusPurpose: "message"` with `statusSize: 2`, so each index holds a
 * two-bit value in its centre's list. The first (most significant) bit is "revoked", the second
 * "suspended" (spec §3.2, Bitstring Encoding: index i covers bits i·statusSize .. i·statusSize+1):
 *   0x0 valid · 0x1 suspended · 0x2 revoked · 0x3 revoked (revoked while suspended; revocation is final)
 * A status change sets or clears one bit, so concurrent changes never lose an update.
 *
 * Certificates issued before migration 007 carry two entries (`revocation` and `suspension`)
 * naming a pair of one-bit lists; those lists are still kept, served and changed.
 */
export const STATUS_PURPOSES = ['revocation', 'suspension'] as const;
export type StatusPurpose = (typeof STATUS_PURPOSES)[number];
export type ListPurpose = StatusPurpose | 'message';

/** Bits per certificate in a message list. */
export const MESSAGE_STATUS_SIZE = 2;

/**
 * The statusMessage every SkillPass message entry carries. The spec's MUSTs (§2.1): present when
 * statusSize > 1, one element per possible value (2^statusSize), each with `status` (the value
 * in hexadecimal, `0x` prefix) and `message`.
 */
export const STATUS_MESSAGES: readonly { status: string; message: 'valid' | 'suspended' | 'revoked' }[] = [
  { status: '0x0', message: 'valid' },
  { status: '0x1', message: 'suspended' },
  { status: '0x2', message: 'revoked' },
  { status: '0x3', message: 'revoked' },
];

/** The lists one allocation's index lives in. */
export type StatusLists =
  | { form: 'message'; list: string }
  | { form: 'pair'; revocation: string; suspension: string };

export const statusListUrl = (publicUrl: string, listId: string): string => `${publicUrl}/status-lists/${listId}`;

/** The list and bit position that hold one purpose's flag for an index. */
export function statusBitOf(lists: StatusLists, purpose: StatusPurpose, index: number): { list: string; position: number } {
  if (lists.form === 'pair') return { list: lists[purpose], position: index };
  return { list: lists.list, position: index * MESSAGE_STATUS_SIZE + (purpose === 'revocation' ? 0 : 1) };
}

/** Reads an index's value as flags (message value, or the pair's two bits). */
export const flagsOf = (value: number): { revoked: boolean; suspended: boolean } => ({ revoked: (value & 2) !== 0, suspended: (value & 1) !== 0 });

/** The credentialStatus of an allocated index: one entry (message list), or the two of a pair issued before migration 007. */
export function credentialStatusFor(publicUrl: string, lists: StatusLists, index: number): Record<string, unknown> | Record<string, unknown>[] {
  if (lists.form === 'pair') return legacyStatusEntries(publicUrl, lists, index);
  const url = statusListUrl(publicUrl, lists.list);
  return {
    id: `${url}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'message',
    statusListIndex: String(index),
    statusListCredential: url,
    statusSize: MESSAGE_STATUS_SIZE,
    statusMessage: STATUS_MESSAGES.map((m) => ({ ...m })),
  };
}

/** The two entries certificates carried before migration 007 (one list per purpose, one bit each). */
export function legacyStatusEntries(publicUrl: string, lists: Record<StatusPurpose, string>, index: number): Record<string, unknown>[] {
  return STATUS_PURPOSES.map((purpose) => ({
    id: `${statusListUrl(publicUrl, lists[purpose])}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: purpose,
    statusListIndex: String(index),
    statusListCredential: statusListUrl(publicUrl, lists[purpose]),
  }));
}

/**
 * The unsigned BitstringStatusListCredential for a list (spec §2.2): `credentialSubject` is a
 * BitstringStatusList with the list's statusPurpose and its GZIP-compressed, multibase
 * base64url `encodedList` (statusSize is told by each entry, not by the list).
 */
export function buildStatusListCredential(o: { publicUrl: string; listId: string; issuer: string; purpose: ListPurpose; bits: Uint8Array; validFrom: string }): Record<string, unknown> {
  const url = statusListUrl(o.publicUrl, o.listId);
  return {
    '@context': [VC_V2_CONTEXT],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: o.issuer,
    validFrom: o.validFrom,
    credentialSubject: { id: `${url}#list`, type: 'BitstringStatusList', statusPurpose: o.purpose, encodedList: encodeList(o.bits) },
  };
}
