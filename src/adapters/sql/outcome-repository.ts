import type { FollowUpConsent } from '../../domain/outcomes/consent.js';
import type { FollowUp, Placement } from '../../domain/outcomes/placement.js';
import type { FollowUpMonth } from '../../domain/outcomes/follow-ups.js';
import type { OutcomeRepository } from '../../services/ports.js';
import { nullable, type Row } from './row-mappers.js';
import type { SqlExec } from './shared-repositories.js';

/** Consents, placements and follow-ups (migration 009), written once for both engines. */
const INSERT_CONSENT_SQL =
  'INSERT INTO follow_up_consents (certificate_id, wording_version, consented_at) VALUES (?, ?, ?)';
const CONSENT_SQL = 'SELECT * FROM follow_up_consents WHERE certificate_id = ?';
const INSERT_PLACEMENT_SQL =
  'INSERT INTO placements (id, employer_token, certificate_id, destination, isco08, start_date, wage_amount, wage_currency, contract_type, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING';
const PLACEMENT_SQL = 'SELECT * FROM placements WHERE id = ?';
const PLACEMENTS_OF_SQL =
  'SELECT * FROM placements WHERE employer_token = ? ORDER BY start_date, id LIMIT ? OFFSET ?';
const OPEN_PLACEMENTS_SQL = `SELECT * FROM placements p WHERE p.employer_token = ? AND p.start_date <= ?
  AND (SELECT COUNT(*) FROM placement_follow_ups f WHERE f.placement_id = p.id) < 3 ORDER BY p.start_date, p.id`;
const INSERT_FOLLOW_UP_SQL =
  'INSERT INTO placement_follow_ups (placement_id, month, still_employed, wage_amount, wage_currency, role_or_grade, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (placement_id, month) DO NOTHING';
const IN_CHUNK = 400;

const toConsent = (r: Row): FollowUpConsent => ({
  certificateId: String(r.certificate_id),
  wordingVersion: String(r.wording_version),
  consentedAt: String(r.consented_at),
});

const toPlacement = (r: Row): Placement => ({
  id: String(r.id),
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

export function outcomeRepository(ex: SqlExec): OutcomeRepository {
  return {
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
    placementsOf: async (token, { limit, offset }) =>
      (await ex.all(PLACEMENTS_OF_SQL, [token, limit, offset])).map(toPlacement),
    openPlacementsOf: async (token, startedBy) =>
      (await ex.all(OPEN_PLACEMENTS_SQL, [token, startedBy])).map(toPlacement),
    followUps: async (ids) => {
      const out: FollowUp[] = [];
      for (let i = 0; i < ids.length; i += IN_CHUNK) {
        const chunk = ids.slice(i, i + IN_CHUNK);
        const rows = await ex.all(
          `SELECT * FROM placement_follow_ups WHERE placement_id IN (${chunk.map(() => '?').join(', ')}) ORDER BY placement_id, month`,
          [...chunk],
        );
        out.push(...rows.map(toFollowUp));
      }
      return out;
    },
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
  };
}
