import { randomUUID } from 'node:crypto';
import type { HubContext } from './hub-context.js';
import { nowIso } from './hub-context.js';
import type { Principal } from './tokens.js';
import type { CredentialFormat } from './crypto-ports.js';
import { signingKeyFor } from './spoke-keys.js';
import type { Assessment, Holder } from '../domain/types.js';
import { allocateStatus } from './status-lists.js';
import { SkillPassError } from '../domain/errors.js';
import { aqrfLevelOn } from '../domain/aqrf-level.js';
import { accreditationOn } from '../domain/accreditation.js';
import { buildCertificateCredential } from '../domain/certificate-credential.js';
import { dayOf, isValidDate } from '../domain/dates.js';
import { qrFitness, qrTextFor, type QrContent } from './certificate-qr.js';

export interface CertifyRequest {
  qualification: string;
  holder: Holder;
  assessment: Assessment;
  format?: CredentialFormat;
  /** what the QR code holds (default `url`) */
  qr?: QrContent;
}

export interface IssuedCertificate {
  id: string;
  credential: Record<string, unknown> | string;
  verifyUrl: string;
  qrUrl: string;
  format: CredentialFormat;
  qr: { content: QrContent; version: number };
  /** for people: e.g. a QR code too dense for phones */
  warnings: string[];
}

/** URLs carry the bare UUID of a `urn:uuid:` id: shorter, so the QR code stays small. */
export const urlId = (id: string): string => encodeURIComponent(id.replace(/^urn:uuid:/, ''));
export const verifyUrlFor = (publicUrl: string, id: string): string => `${publicUrl}/v/${urlId(id)}`;
export const qrUrlFor = (publicUrl: string, id: string): string => `${publicUrl}/certificates/${urlId(id)}/qr.svg`;

/**
 * A testing centre certifies one worker. Every rule is checked before anything is signed:
 * a centre not accredited for the qualification today gets 403 and nothing is stored.
 */
export async function issueCertificate(ctx: HubContext, actor: Principal, req: CertifyRequest): Promise<IssuedCertificate> {
  if (actor.role !== 'issuer' || !actor.spoke) throw new SkillPassError('forbidden', 'Only a testing centre token can issue certificates.');
  if (!req.holder.birthDate && !req.holder.documentNumber) {
    throw new SkillPassError('validation-failed', 'The holder needs a birthDate or a documentNumber to be matched.', { field: 'holder' });
  }
  if (req.holder.birthDate && !isValidDate(req.holder.birthDate)) throw new SkillPassError('validation-failed', 'holder.birthDate must be a real date.', { field: 'holder.birthDate' });
  if (!isValidDate(req.assessment.date)) throw new SkillPassError('validation-failed', 'assessment.date must be a real date.', { field: 'assessment.date' });
  const now = nowIso(ctx);
  const today = dayOf(now);
  if (req.assessment.date > today) throw new SkillPassError('validation-failed', 'The assessment date is in the future.', { field: 'assessment.date' });

  const { repos } = ctx.store;
  const spoke = await repos.spokes.get(actor.spoke);
  if (!spoke) throw new SkillPassError('forbidden', 'This token\'s testing centre no longer exists.');
  const qualification = await repos.qualifications.get(req.qualification);
  if (!qualification) throw new SkillPassError('unknown-qualification', `No qualification ${req.qualification}.`, { field: 'qualification' });
  const framework = await repos.frameworks.get(qualification.framework);
  const mapping = framework ? aqrfLevelOn(framework, qualification.level, today) : undefined;
  if (!framework || !mapping) throw new SkillPassError('level-not-referenced', `${qualification.code} has no AQRF level in force today.`);
  const accreditation = accreditationOn(await repos.spokes.accreditations(spoke.slug), qualification.code, today);
  if (!accreditation.covered) {
    const why = accreditation.reason === 'suspended' ? 'is suspended' : accreditation.reason === 'withdrawn' ? 'was withdrawn' : 'does not cover it';
    throw new SkillPassError('not-accredited', `${spoke.name} may not certify ${qualification.code} on ${today}: its accreditation ${why}.`, { reason: accreditation.reason });
  }

  const id = `urn:uuid:${randomUUID()}`;
  const key = await signingKeyFor(ctx, repos, spoke.slug, spoke.did);
  const format = req.format ?? 'di';
  const qr = req.qr ?? 'url';
  let fitness = { version: 0, warnings: [] as string[] };
  // one unit of work: the status index, the signature and the stored record land together or not at all
  const credential = await ctx.store.transaction(async (tx) => {
    const { entries } = await allocateStatus(tx, ctx.publicUrl, spoke.slug, id, now);
    const unsigned = buildCertificateCredential({
      id, publicUrl: ctx.publicUrl, issuedAt: now, spoke, qualification, framework, aqrfLevel: mapping.aqrfLevel,
      holder: req.holder, assessment: req.assessment, credentialStatus: entries,
    });
    const signed = format === 'vc+jwt' ? await ctx.signer.signJwt(unsigned, key) : await ctx.signer.signDataIntegrity(unsigned, key, now);
    const serialized = typeof signed === 'string' ? signed : JSON.stringify(signed);
    // a credential too large for any QR code is refused before anything is stored
    fitness = qrFitness(qrTextFor(verifyUrlFor(ctx.publicUrl, id), { format, serialized, qr }), qr);
    await tx.certificates.insert({
      id, spoke: spoke.slug, qualification: qualification.code, format,
      serialized, issuedAt: now, validUntil: String(unsigned.validUntil), ...(qr === 'credential' ? { qr } : {}),
    });
    await tx.audit.append({ at: now, actor: actor.tokenId, action: 'certificate.issued', subject: id, details: { spoke: spoke.slug, qualification: qualification.code, format, key: key.verificationMethod } });
    return signed;
  });
  return {
    id, credential, verifyUrl: verifyUrlFor(ctx.publicUrl, id), qrUrl: qrUrlFor(ctx.publicUrl, id), format,
    qr: { content: qr, version: fitness.version }, warnings: fitness.warnings,
  };
}
