import type { PresentationRequest } from '../../domain/presentations/presentation-request.js';
import type { VerificationResult } from '../../domain/verification-result.js';
import type { PresentationRequestRepository } from '../../services/ports.js';
import { nullable, type Row } from './row-mappers.js';
import type { SqlExec } from './shared-repositories.js';

/** Employers' OpenID4VP requests (migration 014), written once for both engines. */
const INSERT_SQL =
  'INSERT INTO presentation_requests (id, employer_token, qualification, purpose, claims, nonce, page_key_hash, created_at, expires_at, purge_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
const GET_SQL = 'SELECT * FROM presentation_requests WHERE id = ?';
// single use: only an unanswered request still within its lifetime takes an answer
const ANSWER_SQL =
  'UPDATE presentation_requests SET answered_at = ?, result = ? WHERE id = ? AND answered_at IS NULL AND expires_at > ?';
const PURGE_SQL = 'DELETE FROM presentation_requests WHERE purge_after <= ?';

const toRequest = (r: Row): PresentationRequest => {
  const purpose = nullable(r.purpose);
  const answeredAt = nullable(r.answered_at);
  const result = nullable(r.result);
  return {
    id: String(r.id),
    employerToken: String(r.employer_token),
    qualification: String(r.qualification),
    ...(purpose !== null ? { purpose: String(purpose) } : {}),
    claims: JSON.parse(String(r.claims)) as string[],
    nonce: String(r.nonce),
    pageKeyHash: String(r.page_key_hash),
    createdAt: String(r.created_at),
    expiresAt: String(r.expires_at),
    ...(answeredAt !== null ? { answeredAt: String(answeredAt) } : {}),
    ...(result !== null ? { result: JSON.parse(String(result)) as VerificationResult } : {}),
    purgeAfter: String(r.purge_after),
  };
};

export function presentationRequestRepository(ex: SqlExec): PresentationRequestRepository {
  return {
    insert: async (p) => {
      await ex.run(INSERT_SQL, [
        p.id,
        p.employerToken,
        p.qualification,
        p.purpose ?? null,
        JSON.stringify(p.claims),
        p.nonce,
        p.pageKeyHash,
        p.createdAt,
        p.expiresAt,
        p.purgeAfter,
      ]);
    },
    get: async (id) => {
      const r = (await ex.all(GET_SQL, [id]))[0];
      return r ? toRequest(r) : undefined;
    },
    answer: async (id, at, result) => (await ex.run(ANSWER_SQL, [at, JSON.stringify(result), id, at])) === 1,
    purge: (now) => ex.run(PURGE_SQL, [now]),
  };
}
