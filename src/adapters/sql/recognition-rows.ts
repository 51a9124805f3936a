import type { RecognitionAgreement } from '../../domain/recognition/agreement.js';
import type { StoredAgreement } from '../../services/ports.js';
import { json, type Row } from './row-mappers.js';

/** recognition_agreements (004) row <-> StoredAgreement, shared by both engines. */
export const LATEST_AGREEMENTS_SQL = `SELECT * FROM recognition_agreements a
  WHERE a.version = (SELECT MAX(b.version) FROM recognition_agreements b WHERE b.id = a.id) ORDER BY a.id`;
export const AGREEMENT_VERSIONS_SQL = 'SELECT * FROM recognition_agreements WHERE id = ? ORDER BY version';
export const INSERT_AGREEMENT_SQL = 'INSERT INTO recognition_agreements (id, version, body, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id, version) DO NOTHING';

export const toStoredAgreement = (r: Row): StoredAgreement =>
  ({ agreement: json<RecognitionAgreement>(r.body), recordedAt: String(r.recorded_at), recordedBy: String(r.recorded_by) });

export const agreementParams = (a: StoredAgreement): unknown[] =>
  [a.agreement.id, a.agreement.version, JSON.stringify(a.agreement), a.recordedAt, a.recordedBy];
