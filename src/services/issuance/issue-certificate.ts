import { randomBytes, randomUUID } from 'node:crypto';
import type { HubContext } from '../hub-context.js';
import { instantIso } from '../hub-context.js';
import type { Principal } from '../access/tokens.js';
import type { CredentialFormat, SigningKey } from '../crypto-ports.js';
import type { Repositories } from '../ports.js';
import {
  keyChangedError,
  signedWithValidKey,
  signingKeyFor,
  SIGNING_ATTEMPTS,
} from '../registry/spoke-keys.js';
import type {
  Accreditation,
  Assessment,
  Framework,
  Holder,
  Qualification,
  Spoke,
} from '../../domain/types.js';
import { allocateStatus } from './status-lists.js';
import { SkillPassError } from '../../domain/errors.js';
import { buildCertificateCredential, type CredentialStatus } from '../../domain/certificate-credential.js';
import { dayOf } from '../../domain/dates.js';
import { requestProblems } from '../../domain/certify-rules.js';
import { mayCertify, refusal, type GateLookups } from './certification-gate.js';
import { holderKeys } from '../../domain/holder-key.js';
import { qrFitness, qrTextFor, type QrContent } from './certificate-qr.js';
import { FOLLOW_UP_CONSENT_VERSION } from '../../domain/outcomes/consent.js';

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
export const qrUrlFor = (publicUrl: string, id: string): string =>
  `${publicUrl}/certificates/${urlId(id)}/qr.svg`;

/**
 * Registry reads for issuance, memoised: a cohort reads each qualification, the centre's
 * accreditations and its key once per chunk instead of once per worker. A fresh instance
 * per single request reads everything fresh.
 */
export class IssuanceLookups implements GateLookups {
  private readonly memo = new Map<string, Promise<unknown>>();
  constructor(private readonly ctx: HubContext) {}
  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let p = this.memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = load();
      this.memo.set(key, p);
    }
    return p;
  }
  spoke = (slug: string): Promise<Spoke | undefined> =>
    this.once(`s:${slug}`, () => this.ctx.store.repos.spokes.get(slug));
  qualification = (code: string): Promise<Qualification | undefined> =>
    this.once(`q:${code}`, () => this.ctx.store.repos.qualifications.get(code));
  framework = (id: string): Promise<Framework | undefined> =>
    this.once(`f:${id}`, () => this.ctx.store.repos.frameworks.get(id));
  accreditations = (slug: string): Promise<Accreditation[]> =>
    this.once(`a:${slug}`, () => this.ctx.store.repos.spokes.accreditations(slug));
  key = (spoke: Spoke): Promise<SigningKey> =>
    this.once(`k:${spoke.slug}`, () => signingKeyFor(this.ctx, this.ctx.store.repos, spoke.slug, spoke.did));
}

/** Everything needed to sign one certificate, checked: what `prepareIssuance` returns. */
export interface PreparedIssuance {
  req: CertifyRequest;
  spoke: Spoke;
  qualification: Qualification;
  framework: Framework;
  aqrfLevel: number;
  key: SigningKey;
  format: CredentialFormat;
  qr: QrContent;
}

/** Checks every rule for issuing `req` at the instant `now`; the first problem is thrown as a typed error. */
export async function prepareIssuance(
  ctx: HubContext,
  actor: Principal,
  req: CertifyRequest,
  now: string,
  lookups = new IssuanceLookups(ctx),
): Promise<PreparedIssuance> {
  if (actor.role !== 'issuer' || !actor.spoke)
    throw new SkillPassError('forbidden', 'Only a testing centre token can issue certificates.');
  const today = dayOf(now);
  const first = requestProblems(req, today)[0];
  if (first) throw refusal(first);
  const spoke = await lookups.spoke(actor.spoke);
  if (!spoke) throw new SkillPassError('forbidden', "This token's testing centre no longer exists.");
  const gate = await mayCertify(lookups, spoke, req.qualification, now);
  if (gate.problems[0]) throw refusal(gate.problems[0]);
  return {
    req: { ...req, qualification: gate.code },
    spoke,
    qualification: gate.qualification!,
    framework: gate.framework!,
    aqrfLevel: gate.aqrfLevel!,
    key: await lookups.key(spoke),
    format: req.format ?? 'di',
    qr: req.qr ?? 'url',
  };
}

export interface SignedCertificate {
  id: string;
  signed: Record<string, unknown> | string;
  serialized: string;
  validUntil: string;
  fitness: { version: number; warnings: string[] };
}

/** Builds and signs the credential with the given id and status entries; refuses one too large for its QR code. */
export async function signPrepared(
  ctx: HubContext,
  p: PreparedIssuance,
  id: string,
  statusEntries: CredentialStatus,
  now: string,
): Promise<SignedCertificate> {
  const unsigned = buildCertificateCredential({
    id,
    publicUrl: ctx.publicUrl,
    issuedAt: now,
    spoke: p.spoke,
    qualification: p.qualification,
    framework: p.framework,
    aqrfLevel: p.aqrfLevel,
    holder: p.req.holder,
    identitySalt: randomBytes(16).toString('base64url'),
    assessment: p.req.assessment,
    credentialStatus: statusEntries,
  });
  const signed =
    p.format === 'vc+jwt'
      ? await ctx.signer.signJwt(unsigned, p.key, now)
      : await ctx.signer.signDataIntegrity(unsigned, p.key, now);
  const serialized = typeof signed === 'string' ? signed : JSON.stringify(signed);
  // a credential too large for any QR code is refused before anything is stored
  const fitness = qrFitness(
    ctx.formats,
    qrTextFor(ctx.formats, verifyUrlFor(ctx.publicUrl, id), { format: p.format, serialized, qr: p.qr }),
    p.qr,
  );
  return { id, signed, serialized, validUntil: String(unsigned.validUntil), fitness };
}

/** Stores a signed certificate (with its holder-match keys, and the worker's consent to follow-up if given) and its audit entry, in the caller's unit of work. */
export async function storeSigned(
  tx: Repositories,
  p: PreparedIssuance,
  s: SignedCertificate,
  now: string,
  actor: Principal,
  auditDetails: Record<string, unknown> = {},
): Promise<void> {
  await tx.certificates.insert({
    id: s.id,
    spoke: p.spoke.slug,
    qualification: p.qualification.code,
    format: p.format,
    serialized: s.serialized,
    issuedAt: now,
    validUntil: s.validUntil,
    ...(p.qr === 'credential' ? { qr: p.qr } : {}),
    ...holderKeys(p.req.holder),
  });
  // consent is hub data beside the certificate, with the wording's version: never a claim in the credential
  const consent = p.req.holder.consentToFollowUp === true;
  if (consent)
    await tx.outcomes.recordConsent({
      certificateId: s.id,
      wordingVersion: FOLLOW_UP_CONSENT_VERSION,
      consentedAt: now,
    });
  await tx.audit.append({
    at: now,
    actor: actor.tokenId,
    action: 'certificate.issued',
    subject: s.id,
    details: {
      spoke: p.spoke.slug,
      qualification: p.qualification.code,
      format: p.format,
      key: p.key.verificationMethod,
      ...(consent ? { followUpConsent: FOLLOW_UP_CONSENT_VERSION } : {}),
      ...auditDetails,
    },
  });
}

export const issuedView = (
  ctx: Pick<HubContext, 'publicUrl'>,
  p: Pick<PreparedIssuance, 'format' | 'qr'>,
  s: SignedCertificate,
): IssuedCertificate => ({
  id: s.id,
  credential: s.signed,
  verifyUrl: verifyUrlFor(ctx.publicUrl, s.id),
  qrUrl: qrUrlFor(ctx.publicUrl, s.id),
  format: p.format,
  qr: { content: p.qr, version: s.fitness.version },
  warnings: s.fitness.warnings,
});

export interface IssueOptions {
  /** the certificate id, decided by the caller (a cohort row stores it before signing); a new UUID otherwise */
  id?: string;
  /** runs inside the issuance's unit of work, after the certificate is stored (e.g. to record an idempotent answer atomically) */
  within?: (tx: Repositories, issued: IssuedCertificate) => Promise<void>;
}

/**
 * A testing centre certifies one worker. Every rule is checked before anything is signed:
 * a centre not accredited for the qualification at this instant gets 403 and nothing is stored.
 * Three steps, as a cohort row takes them (../cohorts/batch-runner.ts): the status index is
 * allocated in one unit of work, the certificate is signed outside any (signing runs on
 * the proof worker threads, so issuances proceed side by side instead of one at a time
 * inside a lock), and the certificate with its audit entry is stored in a second one. A
 * failure after the first step hands the index back; a crash there leaves an index that no
 * certificate uses, whose bit is never set.
 * The issuance instant has millisecond precision (instantIso). If the centre's key changed
 * while signing so that the registry no longer accepts the signature at that instant, it is
 * signed again, at a new instant with the current key and every rule checked again
 * (spoke-keys.ts, signedWithValidKey).
 */
export async function issueCertificate(
  ctx: HubContext,
  actor: Principal,
  req: CertifyRequest,
  opts: IssueOptions = {},
): Promise<IssuedCertificate> {
  let now = instantIso(ctx);
  let prepared = await prepareIssuance(ctx, actor, req, now);
  const id = opts.id ?? `urn:uuid:${randomUUID()}`;
  const { entries } = await ctx.store.transaction((tx) =>
    allocateStatus(tx, ctx.publicUrl, prepared.spoke.slug, id, now),
  );
  try {
    for (let attempt = 1; ; attempt++) {
      const p = prepared;
      const at = now;
      const signed = await signPrepared(ctx, p, id, entries, at);
      const issued = await ctx.store.transaction(async (tx) => {
        if (!(await signedWithValidKey(tx, p.spoke.slug, p.key.verificationMethod, at))) return undefined;
        await storeSigned(tx, p, signed, at, actor);
        const view = issuedView(ctx, p, signed);
        if (opts.within) await opts.within(tx, view);
        return view;
      });
      if (issued) return issued;
      if (attempt >= SIGNING_ATTEMPTS) throw keyChangedError();
      now = instantIso(ctx);
      prepared = await prepareIssuance(ctx, actor, req, now);
    }
  } catch (err) {
    // the index goes back unless a certificate holds it (a retry under the same id may have stored one)
    await ctx.store
      .transaction(async (tx) => {
        if (!(await tx.certificates.get(id))) await tx.statusLists.release(id);
      })
      .catch(() => undefined);
    throw err;
  }
}
