import { randomUUID } from 'node:crypto';
import type { HubContext } from '../hub-context.js';
import { nowIso } from '../hub-context.js';
import type { StoredAgreement } from '../ports.js';
import type { CredentialInput } from '../verification/verify-credential.js';
import { loadCertificate, verifyWithHub } from '../verification/verification-service.js';
import { noteRecognition } from '../outcomes/statistics-events.js';
import { ensureHubKey } from '../registry/hub-identity.js';
import { assertActsFor, assertMayReplace, describeRequester, type Requester } from './authority-scope.js';
import { SkillPassError, isSkillPassError } from '../../domain/errors.js';
import { jsonBoundsOf, parseBoundedJson } from '../../domain/json-bounds.js';
import { dayOf } from '../../domain/dates.js';
import type { Ed25519PrivateJwk } from '../../domain/keys.js';
import type { VerificationResult } from '../../domain/verification-result.js';
import type { Qualification, Spoke } from '../../domain/types.js';
import { inForce, validateAgreement, type RecognitionAgreement } from '../../domain/recognition/agreement.js';
import { partyIncludes } from '../../domain/recognition/parties.js';
import type { CertificateFacts, StatedFacts } from '../../domain/recognition/conditions.js';
import {
  decideRecognition,
  type Decision,
  type RecognitionAnswer,
  type RecognitionQuery,
} from '../../domain/recognition/decide.js';
import { buildRecognitionReceipt } from '../../domain/recognition/receipt.js';

/**
 * Recognition use cases: recording agreements (the hub, or an authority for its own
 * country), checking a certificate against them (verification first, then the pure rules in
 * src/domain/recognition), one at a time or in bulk, and issuing the decision as a receipt
 * signed with the hub key.
 */

// ---------------------------------------------------------------- agreements

export interface AgreementView extends RecognitionAgreement {
  recordedAt: string;
  recordedBy: string;
  inForce: boolean;
}

const view = (s: StoredAgreement, today: string): AgreementView => ({
  ...s.agreement,
  recordedAt: s.recordedAt,
  recordedBy: s.recordedBy,
  inForce: inForce(s.agreement, today),
});

export async function listAgreements(
  ctx: HubContext,
  filter: { destination?: string } = {},
): Promise<AgreementView[]> {
  const today = dayOf(nowIso(ctx));
  return (await ctx.store.repos.recognition.latest())
    .filter((s) => !filter.destination || partyIncludes(s.agreement.parties.destination, filter.destination))
    .map((s) => view(s, today));
}

/** Every version of one agreement, oldest first, as GET /recognition/agreements/:id shows it; 404 when there is none. */
export async function agreementHistory(
  ctx: HubContext,
  id: string,
): Promise<{ id: string; versions: (RecognitionAgreement & { recordedAt: string; recordedBy: string })[] }> {
  const versions = await ctx.store.repos.recognition.versions(id);
  if (versions.length === 0) throw new SkillPassError('not-found', `No agreement ${id}.`);
  return {
    id,
    versions: versions.map((v) => ({ ...v.agreement, recordedAt: v.recordedAt, recordedBy: v.recordedBy })),
  };
}

export async function recordAgreement(
  ctx: HubContext,
  requester: Requester,
  agreement: RecognitionAgreement,
): Promise<AgreementView> {
  assertActsFor(requester, agreement.parties?.destination ?? [], 'record agreements');
  const { repos } = ctx.store;
  const frameworks = await repos.frameworks.list();
  const errors = validateAgreement(agreement, {
    qualifications: new Set((await repos.qualifications.list()).map((q) => q.code)),
    frameworkLevels: new Map(frameworks.map((f) => [f.id, f.levelCount])),
  });
  const first = errors[0];
  if (first) {
    const code = first.code === 'invalid-value' ? 'validation-failed' : first.code;
    throw new SkillPassError(code, first.message, { field: first.field, errors });
  }
  const now = nowIso(ctx);
  const stored: StoredAgreement = { agreement, recordedAt: now, recordedBy: describeRequester(requester) };
  await ctx.store.transaction(async (tx) => {
    const latest = (await tx.recognition.versions(agreement.id)).at(-1);
    // a new version replaces the agreement in use: an authority may replace only its own country's
    if (latest) assertMayReplace(requester, agreement.id, latest.agreement.parties.destination);
    if (latest && latest.agreement.version >= agreement.version) {
      throw new SkillPassError(
        'conflict',
        `Agreement ${agreement.id} already has version ${latest.agreement.version}: send version ${latest.agreement.version + 1} to replace it.`,
        { field: 'version' },
      );
    }
    if (!(await tx.recognition.insert(stored)))
      throw new SkillPassError(
        'conflict',
        `Agreement ${agreement.id} version ${agreement.version} already exists.`,
        { field: 'version' },
      );
    await tx.audit.append({
      at: now,
      actor: requester.tokenId,
      action: 'recognition.agreement-recorded',
      subject: agreement.id,
      details: {
        version: agreement.version,
        kind: agreement.kind,
        destination: agreement.parties.destination,
        recordedBy: stored.recordedBy,
      },
    });
  });
  return view(stored, dayOf(now));
}

// ---------------------------------------------------------------- checks

export interface CheckItem {
  /** a credential object, a JWT or SKP1 text, a certificate id (urn:uuid or bare), or a verification URL */
  certificate: CredentialInput;
  ref?: string;
  intendedOccupation?: string;
  permitCategory?: string;
  facts?: StatedFacts;
}

export interface CheckShared {
  destination: string;
  intendedOccupation?: string;
  permitCategory?: string;
  facts?: StatedFacts;
  issueReceipt?: boolean;
}

export interface CertificateView {
  id?: string;
  issuer: string;
  issuerName?: string;
  holderName?: string;
  holderNameLatin?: string;
  qualification?: string;
  aqrfLevel?: number;
  isco08?: string;
  originCountry?: string;
  assessmentLanguage?: string;
  validUntil?: string;
}

export interface RecognitionCheck extends RecognitionAnswer {
  query: RecognitionQuery;
  certificate?: CertificateView;
  /** the full verification the decision relied on */
  verification: VerificationResult;
  /** the decision as a hub-signed credential, when asked for */
  receipt?: Record<string, unknown>;
}

export type BulkItem =
  | ({ index: number; ref?: string } & RecognitionCheck)
  | { index: number; ref?: string; error: { code: string; message: string } };

export interface BulkCheck {
  destination: string;
  checkedOn: string;
  total: number;
  summary: Record<Decision | 'error', number>;
  results: BulkItem[];
}

export const MAX_BULK_CERTIFICATES = 2000;
const BULK_CONCURRENCY = 8;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ID_FORMS = [
  new RegExp(`^(?:urn:uuid:)?(${UUID})$`, 'i'),
  new RegExp(`^https?://[^\\s]*/(?:v|certificates)/(${UUID})(?:[/?#][^\\s]*)?$`, 'i'),
];

/**
 * What was sent as "the certificate": a certificate to look up by id, or a credential to verify
 * as sent. JSON text (a pasted credential, a CSV cell) is read within ../../domain/json-bounds.ts:
 * beyond them a `too-deep` or `too-large` SkillPassError (one item's error in a list).
 */
export function certificateReference(
  input: CredentialInput,
): { id: string } | { credential: CredentialInput } {
  if (typeof input !== 'string') return { credential: input };
  const text = input.trim();
  for (const form of ID_FORMS) {
    const m = form.exec(text);
    if (m?.[1]) return { id: m[1].toLowerCase() };
  }
  if (text.startsWith('{')) {
    try {
      return { credential: parseBoundedJson(text) as Record<string, unknown> };
    } catch (err) {
      if (jsonBoundsOf(err)) throw err;
      /* verified as text: not well-formed */
    }
  }
  return { credential: text };
}

/** Registry reads a check needs, memoised for the length of one request (a bulk list repeats them). */
function registryLookups(ctx: HubContext) {
  const quals = new Map<string, Promise<Qualification | undefined>>();
  const spokes = new Map<string, Promise<Spoke | undefined>>();
  let agreements: Promise<RecognitionAgreement[]> | undefined;
  return {
    qualification: (code: string) => {
      if (!quals.has(code)) quals.set(code, ctx.store.repos.qualifications.get(code));
      return quals.get(code)!;
    },
    spoke: (did: string) => {
      if (!spokes.has(did)) spokes.set(did, ctx.store.repos.spokes.getByDid(did));
      return spokes.get(did)!;
    },
    agreements: () =>
      (agreements ??= ctx.store.repos.recognition.latest().then((all) => all.map((s) => s.agreement))),
  };
}
type Lookups = ReturnType<typeof registryLookups>;

async function certificateView(
  v: VerificationResult,
  lookups: Lookups,
): Promise<CertificateView | undefined> {
  const s = v.credential;
  if (!s) return undefined;
  const q = s.qualification ? await lookups.qualification(s.qualification) : undefined;
  const spoke = await lookups.spoke(s.issuer);
  const optional = {
    id: s.id,
    issuerName: s.issuerName,
    holderName: s.holderName,
    holderNameLatin: s.holderNameLatin,
    qualification: s.qualification,
    aqrfLevel: s.aqrfLevel,
    isco08: q?.isco08,
    originCountry: spoke?.country,
    assessmentLanguage: s.assessmentLanguage,
    validUntil: s.validUntil,
  };
  return {
    issuer: s.issuer,
    ...Object.fromEntries(Object.entries(optional).filter(([, x]) => x !== undefined)),
  };
}

const factsOf = (c: CertificateView | undefined, v: VerificationResult): CertificateFacts | undefined =>
  c?.qualification
    ? {
        qualification: c.qualification,
        accreditedCentre: v.checks.some((x) => x.id === 'accreditation' && x.outcome === 'valid'),
        ...(c.id ? { id: c.id } : {}),
        ...(c.aqrfLevel !== undefined ? { aqrfLevel: c.aqrfLevel } : {}),
        ...(c.isco08 ? { isco08: c.isco08 } : {}),
        ...(c.originCountry ? { originCountry: c.originCountry } : {}),
        ...(c.assessmentLanguage ? { assessmentLanguage: c.assessmentLanguage } : {}),
        ...(c.validUntil ? { validUntil: c.validUntil } : {}),
      }
    : undefined;

/** The hub key, opened once per request; receipts are signed with it (docs/architecture.md: the hub signs recognition decisions). */
function receiptSigner(ctx: HubContext, requester: Requester) {
  let key: Promise<{ id: string; privateJwk: Ed25519PrivateJwk }> | undefined;
  const hubKey = () =>
    (key ??= ensureHubKey(ctx, ctx.store.repos, nowIso(ctx)).then((k) => ({
      id: k.id,
      privateJwk: JSON.parse(ctx.sealer.open(k.encryptedSecret, k.id)) as Ed25519PrivateJwk,
    })));
  return async (
    check: Omit<RecognitionCheck, 'receipt'>,
    agreements: RecognitionAgreement[],
  ): Promise<Record<string, unknown>> => {
    const now = nowIso(ctx);
    const { id: verificationMethod, privateJwk } = await hubKey();
    const relied = check.agreement ? agreements.find((a) => a.id === check.agreement!.id) : undefined;
    const unsigned = buildRecognitionReceipt({
      id: `urn:uuid:${randomUUID()}`,
      publicUrl: ctx.publicUrl,
      hubDid: ctx.hubDid,
      issuedAt: now,
      answer: check,
      query: check.query,
      certificate: {
        ...(check.certificate?.id ? { id: check.certificate.id } : {}),
        ...(check.certificate?.qualification ? { qualification: check.certificate.qualification } : {}),
        ...(check.certificate?.aqrfLevel !== undefined ? { aqrfLevel: check.certificate.aqrfLevel } : {}),
        ...(check.certificate?.validUntil ? { validUntil: check.certificate.validUntil } : {}),
      },
      verificationOutcome: check.verification.outcome,
      requestedBy: describeRequester(requester),
      ...(relied?.validUntil ? { agreementValidUntil: relied.validUntil } : {}),
    });
    const signed = await ctx.signer.signDataIntegrity(
      unsigned,
      { verificationMethod, controller: ctx.hubDid, privateJwk },
      now,
    );
    await ctx.store.repos.audit.append({
      at: now,
      actor: requester.tokenId,
      action: 'recognition.receipt-issued',
      subject: String(signed.id),
      details: {
        certificate: check.certificate?.id ?? null,
        destination: check.query.destination,
        decision: check.decision,
        agreement: check.agreement?.id ?? null,
      },
    });
    return signed;
  };
}

async function checkOne(
  ctx: HubContext,
  item: CheckItem,
  shared: CheckShared,
  lookups: Lookups,
  sign?: ReturnType<typeof receiptSigner>,
): Promise<RecognitionCheck> {
  const ref = certificateReference(item.certificate);
  const credential = 'id' in ref ? await loadCertificate(ctx, ref.id) : ref.credential;
  const verification = await verifyWithHub(ctx, credential);
  const certificate = await certificateView(verification, lookups);
  const facts = item.facts ?? shared.facts;
  const query: RecognitionQuery = {
    destination: shared.destination,
    ...((item.intendedOccupation ?? shared.intendedOccupation)
      ? { intendedOccupation: item.intendedOccupation ?? shared.intendedOccupation }
      : {}),
    ...((item.permitCategory ?? shared.permitCategory)
      ? { permitCategory: item.permitCategory ?? shared.permitCategory }
      : {}),
    ...(facts ? { facts } : {}),
  };
  const agreements = await lookups.agreements();
  const answer = decideRecognition({
    verification,
    certificate: factsOf(certificate, verification),
    query,
    agreements,
    today: dayOf(verification.verifiedAt),
  });
  const check: RecognitionCheck = { ...answer, query, ...(certificate ? { certificate } : {}), verification };
  noteRecognition(ctx, check); // counted for programme statistics, without personal data
  return sign ? { ...check, receipt: await sign(check, agreements) } : check;
}

/** One certificate. Anyone may check; a receipt needs the hub or the destination's authority. */
export async function checkRecognition(
  ctx: HubContext,
  item: CheckItem,
  shared: CheckShared,
  requester?: Requester,
): Promise<RecognitionCheck> {
  let sign: ReturnType<typeof receiptSigner> | undefined;
  if (shared.issueReceipt) {
    if (!requester)
      throw new SkillPassError(
        'unauthenticated',
        'A recognition receipt is signed by the hub: send an admin or authority token.',
      );
    assertActsFor(requester, [shared.destination], 'have receipts issued');
    sign = receiptSigner(ctx, requester);
  }
  return checkOne(ctx, item, shared, registryLookups(ctx), sign);
}

/** Runs `fn` over the items with at most `limit` in flight, keeping their order. */
async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!, i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Many certificates against one destination (the hub or that destination's authority).
 * A certificate that cannot be found is an error entry, not a failed request. At most
 * BULK_CONCURRENCY checks run at once, so a large list cannot flood the proof workers.
 */
export async function checkRecognitionBulk(
  ctx: HubContext,
  items: readonly CheckItem[],
  shared: CheckShared,
  requester: Requester,
): Promise<BulkCheck> {
  assertActsFor(requester, [shared.destination], 'check certificates in bulk');
  if (items.length === 0)
    throw new SkillPassError('validation-failed', 'The list of certificates is empty.', {
      field: 'certificates',
    });
  if (items.length > MAX_BULK_CERTIFICATES)
    throw new SkillPassError(
      'validation-failed',
      `At most ${MAX_BULK_CERTIFICATES} certificates per request; split the list.`,
      { field: 'certificates' },
    );
  const lookups = registryLookups(ctx);
  const sign = shared.issueReceipt ? receiptSigner(ctx, requester) : undefined;
  const results = await mapLimit(items, BULK_CONCURRENCY, async (item, index): Promise<BulkItem> => {
    const tag = { index, ...(item.ref !== undefined ? { ref: item.ref } : {}) };
    try {
      return { ...tag, ...(await checkOne(ctx, item, shared, lookups, sign)) };
    } catch (err) {
      if (isSkillPassError(err) && err.byRequest)
        return { ...tag, error: { code: err.code, message: err.message } };
      throw err;
    }
  });
  const summary: BulkCheck['summary'] = {
    recognised: 0,
    'recognised-with-conditions': 0,
    'not-recognised': 0,
    indeterminate: 0,
    error: 0,
  };
  for (const r of results) summary['error' in r ? 'error' : r.decision] += 1;
  return {
    destination: shared.destination,
    checkedOn: dayOf(nowIso(ctx)),
    total: results.length,
    summary,
    results,
  };
}
