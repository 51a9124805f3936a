import type Database from 'better-sqlite3';
import type { RecognitionRepository } from '../../services/ports.js';
import type { Row } from '../sql/row-mappers.js';
import { AGREEMENT_VERSIONS_SQL, INSERT_AGREEMENT_SQL, LATEST_AGREEMENTS_SQL, agreementParams, toStoredAgreement } from '../sql/recognition-rows.js';

/** Recognition agreements on SQLite (same SQL and row shape as PostgreSQL). */
export function sqliteRecognitionRepository(db: Database.Database): RecognitionRepository {
  return {
    latest: async () => (db.prepare(LATEST_AGREEMENTS_SQL).all() as Row[]).map(toStoredAgreement),
    versions: async (id) => (db.prepare(AGREEMENT_VERSIONS_SQL).all(id) as Row[]).map(toStoredAgreement),
    insert: async (a) => db.prepare(INSERT_AGREEMENT_SQL).run(...agreementParams(a)).changes === 1,
  };
}
