import { VC_V2_CONTEXT } from './contexts.js';
import { encodeList } from './bitstring.js';

/** Status purposes every SkillPass credential carries (docs/architecture.md, "Credential shape"). */
export const STATUS_PURPOSES = ['revocation', 'suspension'] as const;
export type StatusPurpose = (typeof STATUS_PURPOSES)[number];

export const statusListUrl = (publicUrl: string, listId: string): string => `${publicUrl}/status-lists/${listId}`;

/** The credentialStatus entries for one allocated index (one list per purpose). */
export function statusEntries(publicUrl: string, lists: Record<StatusPurpose, string>, index: number): Record<string, unknown>[] {
  return STATUS_PURPOSES.map((purpose) => ({
    id: `${statusListUrl(publicUrl, lists[purpose])}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: purpose,
    statusListIndex: String(index),
    statusListCredential: statusListUrl(publicUrl, lists[purpose]),
  }));
}

/** The unsigned BitstringStatusListCredential for a list (spec §2.2). */
export function buildStatusListCredential(o: { publicUrl: string; listId: string; issuer: string; purpose: StatusPurpose; bits: Uint8Array; validFrom: string }): Record<string, unknown> {
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
