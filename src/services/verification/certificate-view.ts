import type { HubContext } from '../hub-context.js';
import type { VerificationResult } from '../../domain/verification-result.js';
import type { AqrfLevel, LocalizedText } from '../../domain/types.js';
import { accreditationOn } from '../../domain/accreditation.js';
import { verdictState, type VerdictState } from '../../domain/verdict-state.js';
import { storedCertificate, storedCredential, verifyWithHub } from './verification-service.js';

/**
 * What people are shown about a certificate, beyond the verification result: the registry's
 * words for it (qualification titles in several languages, the AQRF level descriptor, the
 * centre and its accreditation on the issuance day). Read from this hub's registry; nothing
 * here changes the verdict.
 */
export interface CertificateView {
  result: VerificationResult;
  qualificationTitle?: LocalizedText;
  aqrf?: AqrfLevel;
  centre?: { name: string; country: string };
  /** the centre's accreditation for the qualification on the issuance day */
  accreditation?: { covered: true; validFrom: string; validUntil: string } | { covered: false };
  /** the state shown at a glance (../../domain/verdict-state.ts) */
  state: VerdictState;
  /** revoked or suspended: since when, from this hub's own record of the change (its audit log), when it issued the certificate */
  statusSince?: string;
  /**
   * altered: this hub's own record of the certificate with the altered copy's id, when it issued
   * one, so the page shows what was issued and never what the altered copy claims
   */
  hubRecord?: { urlId: string; view: CertificateView };
}

/** A result shown without the registry's words (a certificate number this hub does not have, unreadable input). */
export const plainView = (result: VerificationResult): CertificateView => ({
  result,
  state: verdictState(result),
});

export async function describeCertificate(
  ctx: HubContext,
  result: VerificationResult,
): Promise<CertificateView> {
  const view = await describeContent(ctx, result);
  const id = result.credential?.id;
  // a wallet copy (OpenID4VCI) is described with the certificate it copies: its status changes are that one's
  const copy = id ? await ctx.store.repos.wallets.copy(id) : undefined;
  const record = id ? await storedCertificate(ctx, copy?.certificateId ?? id) : undefined;
  if (!record) return view;
  if (view.state === 'revoked' || view.state === 'suspended') {
    const action = view.state === 'revoked' ? 'certificate.revoked' : 'certificate.suspended';
    const changes = (await ctx.store.repos.audit.forSubject(record.id)).filter((a) => a.action === action);
    const since = changes.at(-1)?.at;
    if (since) view.statusSince = since;
  }
  if (view.state === 'altered') {
    const genuine = await verifyWithHub(ctx, storedCredential(record.format, record.serialized));
    view.hubRecord = {
      urlId: record.id.replace(/^urn:uuid:/, ''),
      view: await describeContent(ctx, genuine),
    };
  }
  return view;
}

/** The registry's words for what the credential says (no lookups of this hub's own records). */
async function describeContent(ctx: HubContext, result: VerificationResult): Promise<CertificateView> {
  const { repos } = ctx.store;
  const c = result.credential;
  const view: CertificateView = { result, state: verdictState(result) };
  if (!c) return view;
  const qualification = c.qualification ? await repos.qualifications.get(c.qualification) : undefined;
  if (qualification) view.qualificationTitle = qualification.title;
  if (c.aqrfLevel !== undefined)
    view.aqrf = (await repos.frameworks.listAqrfLevels()).find((l) => l.level === c.aqrfLevel);
  const spoke = await repos.spokes.getByDid(c.issuer);
  if (spoke) {
    view.centre = { name: spoke.name, country: spoke.country };
    if (qualification && c.validFrom) {
      const state = accreditationOn(
        await repos.spokes.accreditations(spoke.slug),
        qualification.code,
        c.validFrom,
      );
      view.accreditation = state.covered
        ? {
            covered: true,
            validFrom: state.accreditation.validFrom,
            validUntil: state.accreditation.validUntil,
          }
        : { covered: false };
    }
  }
  return view;
}

/** A qualification's title in the language asked for, else the credential's own (English) title. */
export function titleIn(view: CertificateView, lang: string): { text: string; lang: string } | undefined {
  const own = view.qualificationTitle?.[lang];
  if (own) return { text: own, lang };
  const en = view.qualificationTitle?.en ?? view.result.credential?.qualificationTitle;
  return en ? { text: en, lang: 'en' } : undefined;
}
