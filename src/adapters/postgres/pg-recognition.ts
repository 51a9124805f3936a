import type { RecognitionRepository } from '../../services/ports.js';
import type { Row } from '../sql/row-mappers.js';
import { AGREEMENT_VERSIONS_SQL, INSERT_AGREEMENT_SQL, LATEST_AGREEMENTS_SQL, agreementParams, toStoredAgreement } from '../sql/recognition-rows.js';

/** Recognition agreements on PostgreSQL; `query` takes `?` placeholders (pg-store numbers them). */
export function pgRecognitionRepository(query: (sql: string, params?: unknown[]) => Promise<{ rows: Row[]; rowCount: number }>): RecognitionRepository {
  return {
    latest: async () => (await query(LATEST_AGREEMENTS_SQL)).rows.map(toStoredAgreement),
    versions: async (id) => (await query(AGREEMENT_VERSIONS_SQL, [id])).rows.map(toStoredAgreement),
    insert: async (a) => (await query(INSERT_AGREEMENT_SQL, agreementParams(a))).rowCount === 1,
  };
}
