import type { Accreditation, CertificateRecord, Spoke, SpokeKey } from '../../domain/types.js';
import type { AuditEntry } from '../../domain/audit-chain.js';
import type {
  BatchRecord,
  BatchRowRecord,
  IdempotencyRecord,
  StatusListRecord,
  StoredSpokeKey,
  TokenRecord,
} from '../../services/ports.js';

/** Row -> domain mappers shared by the SQLite and PostgreSQL adapters (same schema, same column names). */
export type Row = Record<string, unknown>;

export const json = <T>(text: unknown): T => JSON.parse(String(text)) as T;
export const nullable = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export const toSpoke = (r: Row): Spoke => ({
  slug: String(r.slug),
  did: String(r.did),
  name: String(r.name),
  country: String(r.country),
  createdAt: String(r.created_at),
});
export const toKey = (r: Row): StoredSpokeKey => ({
  id: String(r.id),
  spoke: String(r.spoke),
  publicKeyMultibase: String(r.public_key_multibase),
  validFrom: String(r.valid_from),
  validUntil: nullable(r.valid_until),
  compromisedFrom: nullable(r.compromised_from),
  encryptedSecret: String(r.encrypted_secret),
});
export const publicKey = ({ encryptedSecret: _secret, ...key }: StoredSpokeKey): SpokeKey => key;
export const toAccreditation = (r: Row): Accreditation => ({
  id: String(r.id),
  spoke: String(r.spoke),
  qualifications: json<string[]>(r.qualifications),
  validFrom: String(r.valid_from),
  validUntil: String(r.valid_until),
  createdAt: String(r.created_at),
});
export const toStatusList = (r: Row): StatusListRecord => ({
  id: String(r.id),
  spoke: String(r.spoke),
  listNumber: Number(r.list_number),
  purpose: r.purpose as StatusListRecord['purpose'],
  size: Number(r.size),
  bits: new Uint8Array(r.bits as Buffer),
  version: Number(r.version),
  signedVersion: r.signed_version === null ? null : Number(r.signed_version),
  signedCredential: nullable(r.signed_credential),
  createdAt: String(r.created_at),
});
export const toToken = (r: Row): TokenRecord => ({
  id: String(r.id),
  hash: String(r.hash),
  role: r.role as TokenRecord['role'],
  spoke: nullable(r.spoke),
  label: String(r.label),
  createdAt: String(r.created_at),
  expiresAt: nullable(r.expires_at),
  revokedAt: nullable(r.revoked_at),
  ...(r.country ? { country: String(r.country) } : {}),
  ...(r.corridors ? { corridors: json<string[]>(r.corridors) } : {}),
  ...(r.employer_id ? { employerId: String(r.employer_id) } : {}),
});
export const toCertificate = (r: Row): CertificateRecord => ({
  id: String(r.id),
  spoke: String(r.spoke),
  qualification: String(r.qualification),
  format: r.format as CertificateRecord['format'],
  serialized: String(r.serialized),
  issuedAt: String(r.issued_at),
  validUntil: String(r.valid_until),
  ...(r.qr === 'credential' ? { qr: 'credential' as const } : {}),
  ...(r.holder_key ? { holderKey: String(r.holder_key) } : {}),
  ...(r.holder_document_key ? { holderDocumentKey: String(r.holder_document_key) } : {}),
});
export const toBatch = (r: Row): BatchRecord => ({
  id: String(r.id),
  spoke: String(r.spoke),
  tokenId: String(r.token_id),
  state: r.state as BatchRecord['state'],
  format: r.format as BatchRecord['format'],
  qr: r.qr as BatchRecord['qr'],
  source: String(r.source),
  total: Number(r.total),
  createdAt: String(r.created_at),
  committedAt: nullable(r.committed_at),
  completedAt: nullable(r.completed_at),
  leaseOwner: nullable(r.lease_owner),
  leaseUntil: nullable(r.lease_until),
});
export const toBatchRow = (r: Row): BatchRowRecord => ({
  batchId: String(r.batch_id),
  row: Number(r.row_number),
  line: r.line === null || r.line === undefined ? null : Number(r.line),
  input: json<Record<string, string>>(r.input),
  errors: json<BatchRowRecord['errors']>(r.errors),
  state: r.state as BatchRowRecord['state'],
  certificateId: nullable(r.certificate_id),
  failure: r.failure ? json<BatchRowRecord['failure']>(r.failure) : null,
});
export const toIdempotency = (r: Row): IdempotencyRecord => ({
  tokenId: String(r.token_id),
  key: String(r.idem_key),
  fingerprint: String(r.fingerprint),
  state: r.state as IdempotencyRecord['state'],
  owner: String(r.owner),
  status: r.status === null || r.status === undefined ? null : Number(r.status),
  headers: r.headers ? json<Record<string, string>>(r.headers) : null,
  body: nullable(r.body),
  createdAt: String(r.created_at),
});
export const toAudit = (r: Row): AuditEntry => ({
  seq: Number(r.seq),
  at: String(r.at),
  actor: String(r.actor),
  action: String(r.action),
  subject: String(r.subject),
  details: json<Record<string, unknown>>(r.details),
  prevHash: String(r.prev_hash),
  hash: String(r.hash),
});
