import type { HubContext } from '../hub-context.js';
import type { VerificationResult } from '../../domain/verification-result.js';
import type { AqrfLevel, LocalizedText } from '../../domain/types.js';
import { accreditationOn } from '../../domain/accreditation.js';

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
}

export async function describeCertificate(
  ctx: HubContext,
  result: VerificationResult,
): Promise<CertificateView> {
  const { repos } = ctx.store;
  const c = result.credential;
  const view: CertificateView = { result };
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
