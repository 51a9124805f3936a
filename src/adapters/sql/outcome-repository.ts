import type { FollowUpConsent } from '../../domain/outcomes/consent.js';
import type { FollowUp, Placement } from '../../domain/outcomes/placement.js';
import type { FollowUpMonth } from '../../domain/outcomes/follow-ups.js';
import type { Employer } from '../../domain/outcomes/employer.js';
import type { WorkerAnswer } from '../../domain/outcomes/worker-survey.js';
import type { OutcomeRepository } from '../../services/ports.js';
import { nullable, type Row } from './row-mappers.js';
import type { SqlExec } from './shared-repositories.js';

/** Consents, placements and follow-ups (migration 009), employers and worker surveys (012), written once for both engines. */
const INSERT_CONSENT_SQL =
  'INSERT INTO follow_up_consents (certificate_id, wording_version, consented_at) VALUES (?, ?, ?)';
const CONSENT_SQL = 'SELECT * FROM follow_up_consents WHERE certificate_id = ?';
const INSERT_PLACEMENT_SQL =
  'INSERT INTO placements (id, employer_id, employer_token, certificate_id, destination, isco08, start_date, wage_amount, wage_currency, contract_type, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING';
const PLACEMENT_SQL = 'SELECT * FROM placements WHERE id = ?';
const PLACEMENTS_OF_SQL =
  'SELECT * FROM placements WHERE employer_id = ? ORDER BY start_date, id LIMIT ? OFFSET ?';
const OPEN_PLACEMENTS_SQL = `SELECT * FROM placements p WHERE p.employer_id = ? AND p.start_date <= ?
  AND (SELECT COUNT(*) FROM placement_follow_ups f WHERE f.placement_id = p.id) < 3 ORDER BY p.start_date, p.id`;
const INSERT_FOLLOW_UP_SQL =
  'INSERT INTO placement_follow_ups (placement_id, month, still_employed, wage_amount, wage_currency, role_or_grade, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (placement_id, month) DO NOTHING';
const OF_CERTIFICATE_SQL = 'SELECT * FROM placements WHERE certificate_id = ? ORDER BY start_date DESC, id';
const INSERT_EMPLOYER_SQL = 'INSERT INTO employers (id, label, country, created_at) VALUES (?, ?, ?, ?)';
const EMPLOYER_SQL = 'SELECT * FROM employers WHERE id = ?';
const INSERT_CODE_SQL =
  'INSERT INTO worker_survey_codes (code_hash, certificate_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING';
const BY_CODE_SQL = 'SELECT certificate_id FROM worker_survey_codes WHERE code_hash = ?';
const INSERT_WORKER_ANSWER_SQL =
  'INSERT INTO worker_survey_answers (placement_id, month, still_employed, wage_amount, wage_currency, role_or_grade, would_recommend, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (placement_id, month) DO NOTHING';
const IN_CHUNK = 400;

const toConsent = (r: Row): FollowUpConsent => ({
  certificateId: String(r.certificate_id),
  wordingVersion: String(r.wording_version),
  consentedAt: String(r.consented_at),
});

const toPlacement = (r: Row): Placement => ({
  id: String(r.id),
  employer: String(r.employer_id),
  employerToken: String(r.employer_token),
  certificateId: String(r.certificate_id),
  destination: String(r.destination),
  isco08: String(r.isco08),
  startDate: String(r.start_date),
  monthlyWage: { amount: Number(r.wage_amount), currency: String(r.wage_currency) },
  contractType: String(r.contract_type) as Placement['contractType'],
  recordedAt: String(r.recorded_at),
});

const toFollowUp = (r: Row): FollowUp => {
  const currency = nullable(r.wage_currency);
  const role = nullable(r.role_or_grade);
  return {
    placementId: String(r.placement_id),
    month: Number(r.month) as FollowUpMonth,
    stillEmployed: Number(r.still_employed) === 1,
    ...(currency ? { monthlyWage: { amount: Number(r.wage_amount), currency } } : {}),
    ...(role !== null ? { roleOrGrade: role } : {}),
    answeredAt: String(r.answered_at),
  };
};

const toWorkerAnswer = (r: Row): WorkerAnswer => {
  const { placementId, month, stillEmployed, monthlyWage, roleOrGrade, answeredAt } = toFollowUp(r);
  return {
    placementId,
    month,
    stillEmployed,
    ...(monthlyWage ? { monthlyWage } : {}),
    ...(roleOrGrade !== undefined ? { roleOrGrade } : {}),
    wouldRecommend: Number(r.would_recommend) === 1,
    answeredAt,
  };
};

const toEmployer = (r: Row): Employer => ({
  id: String(r.id),
  label: String(r.label),
  country: String(r.country),
  createdAt: String(r.created_at),
});

export function outcomeRepository(ex: SqlExec): OutcomeRepository {
  /** the rows of `table` for these placements, a chunk of ids at a time */
  const ofPlacements = async (table: string, ids: readonly string[]): Promise<Row[]> => {
    const out: Row[] = [];
    for (let i = 0; i < ids.length; i += IN_CHUNK) {
      const chunk = ids.slice(i, i + IN_CHUNK);
      out.push(
        ...(await ex.all(
          `SELECT * FROM ${table} WHERE placement_id IN (${chunk.map(() => '?').join(', ')}) ORDER BY placement_id, month`,
          [...chunk],
        )),
      );
    }
    return out;
  };
  return {
    insertEmployer: async (e) => {
      await ex.run(INSERT_EMPLOYER_SQL, [e.id, e.label, e.country, e.createdAt]);
    },
    employer: async (id) => {
      const r = (await ex.all(EMPLOYER_SQL, [id]))[0];
      return r ? toEmployer(r) : undefined;
    },
    recordConsent: async (c) => {
      await ex.run(INSERT_CONSENT_SQL, [c.certificateId, c.wordingVersion, c.consentedAt]);
    },
    consent: async (id) => {
      const r = (await ex.all(CONSENT_SQL, [id]))[0];
      return r ? toConsent(r) : undefined;
    },
    insertPlacement: async (p) =>
      (await ex.run(INSERT_PLACEMENT_SQL, [
        p.id,
        p.employer,
        p.employerToken,
        p.certificateId,
        p.destination,
        p.isco08,
        p.startDate,
        String(p.monthlyWage.amount),
        p.monthlyWage.currency,
        p.contractType,
        p.recordedAt,
      ])) === 1,
    placement: async (id) => {
      const r = (await ex.all(PLACEMENT_SQL, [id]))[0];
      return r ? toPlacement(r) : undefined;
    },
    placementsOf: async (employer, { limit, offset }) =>
      (await ex.all(PLACEMENTS_OF_SQL, [employer, limit, offset])).map(toPlacement),
    openPlacementsOf: async (employer, startedBy) =>
      (await ex.all(OPEN_PLACEMENTS_SQL, [employer, startedBy])).map(toPlacement),
    placementsOfCertificate: async (id) => (await ex.all(OF_CERTIFICATE_SQL, [id])).map(toPlacement),
    followUps: async (ids) => (await ofPlacements('placement_follow_ups', ids)).map(toFollowUp),
    insertFollowUp: async (f) =>
      (await ex.run(INSERT_FOLLOW_UP_SQL, [
        f.placementId,
        f.month,
        f.stillEmployed ? 1 : 0,
        f.monthlyWage ? String(f.monthlyWage.amount) : null,
        f.monthlyWage?.currency ?? null,
        f.roleOrGrade ?? null,
        f.answeredAt,
      ])) === 1,
    insertSurveyCode: async (codeHash, certificateId, at) => {
      await ex.run(INSERT_CODE_SQL, [codeHash, certificateId, at]);
    },
    certificateBySurveyCode: async (codeHash) => {
      const r = (await ex.all(BY_CODE_SQL, [codeHash]))[0];
      return r ? String(r.certificate_id) : undefined;
    },
    workerAnswers: async (ids) => (await ofPlacements('worker_survey_answers', ids)).map(toWorkerAnswer),
    insertWorkerAnswer: async (a) =>
      (await ex.run(INSERT_WORKER_ANSWER_SQL, [
        a.placementId,
        a.month,
        a.stillEmployed ? 1 : 0,
        a.monthlyWage ? String(a.monthlyWage.amount) : null,
        a.monthlyWage?.currency ?? null,
        a.roleOrGrade ?? null,
        a.wouldRecommend ? 1 : 0,
        a.answeredAt,
      ])) === 1,
  };
}
