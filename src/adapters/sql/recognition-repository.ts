import type { RecognitionAgreement } from '../../domain/recognition/agreement.js';
import type { RecognitionRepository, StoredAgreement } from '../../services/ports.js';
import { json, type Row } from './row-mappers.js';
import type { SqlExec } from './shared-repositories.js';

/** Recognition agreements (migration 004), written once for both engines. */
const LATEST_AGREEMENTS_SQL = `SELECT * FROM recognition_agreements a
  WHERE a.version = (SELECT MAX(b.version) FROM recognition_agreements b WHERE b.id = a.id) ORDER BY a.id`;
const AGREEMENT_VERSIONS_SQL = 'SELECT * FROM recognition_agreements WHERE id = ? ORDER BY version';
const INSERT_AGREEMENT_SQL =
  'INSERT INTO recognition_agreements (id, version, body, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id, version) DO NOTHING';

const toStoredAgreement = (r: Row): StoredAgreement => ({
  agreement: json<RecognitionAgreement>(r.body),
  recordedAt: String(r.recorded_at),
  recordedBy: String(r.recorded_by),
});

export function recognitionRepository(ex: SqlExec): RecognitionRepository {
  return {
    latest: async () => (await ex.all(LATEST_AGREEMENTS_SQL)).map(toStoredAgreement),
    versions: async (id) => (await ex.all(AGREEMENT_VERSIONS_SQL, [id])).map(toStoredAgreement),
    insert: async ({ agreement: a, recordedAt, recordedBy }) =>
      (await ex.run(INSERT_AGREEMENT_SQL, [a.id, a.version, JSON.stringify(a), recordedAt, recordedBy])) ===
      1,
  };
}
