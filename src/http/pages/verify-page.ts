import type { CheckResult, Outcome } from '../../domain/verification-result.js';
import type { CertificateView } from '../../services/verification/certificate-view.js';
import { titleIn } from '../../services/verification/certificate-view.js';
import { escapeHtml as e } from './html.js';
import { revealHidden } from '../../domain/hidden-characters.js';
import type { Translator } from './i18n.js';
import { renderPage } from './layout.js';

/**
 * The page a phone opens when it scans a certificate's QR code: a large verdict, then
 * the facts in plain words, in the reader's language. Server-rendered, no script, a few KB.
 */
const VERDICT: Record<Outcome, { css: string; icon: string }> = {
  valid: { css: 'ok', icon: '✓' },
  invalid: { css: 'bad', icon: '✗' },
  indeterminate: { css: 'unsure', icon: '?' },
};

/** What went wrong, in the reader's words: the specific code when we have words for it, else the check. */
export const failureText = (tr: Translator, c: CheckResult): string =>
  c.code && tr.has(`code.${c.code}`) ? tr.t(`code.${c.code}`) : tr.t(`check.${c.id}`);

/** One piece of advice for the most telling failure. */
export function nextStep(tr: Translator, outcome: Outcome, failed: readonly CheckResult[]): string {
  const codes = new Set(failed.map((c) => c.code));
  if (codes.has('revoked')) return tr.t('next.revoked');
  if (codes.has('suspended')) return tr.t('next.suspended');
  if (codes.has('expired')) return tr.t('next.expired');
  if (failed.some((c) => c.id === 'proof' && c.outcome === 'invalid')) return tr.t('next.tampered');
  return tr.t(outcome === 'indeterminate' ? 'next.indeterminate' : 'next.invalid');
}

/**
 * A holder's name as written in the credential, isolated from the page's text direction
 * (<bdi>) and with any invisible or direction-changing character shown as ⟨U+202E⟩, plus a
 * warning: a credential from elsewhere may hold what this hub refuses at issuance
 * (../../domain/hidden-characters.ts). Also the worker page's.
 */
export function shownName(tr: Translator, name: string): string {
  const { text, hidden } = revealHidden(name);
  return `<bdi>${e(text)}</bdi>${hidden ? `<p class="warn" data-warning="hidden-characters">${e(tr.t('name.hidden'))}</p>` : ''}`;
}

export interface VerifyPageLinks {
  /** the certificate's id in URLs (bare UUID) when it is stored on this hub */
  urlId?: string;
  /** where the language links point (omitted for a posted credential) */
  switcherPath?: string;
}

export function renderVerifyPage(view: CertificateView, tr: Translator, links: VerifyPageLinks = {}): string {
  const { result } = view;
  const v = VERDICT[result.outcome];
  const c = result.credential;
  const failed = result.checks.filter((x) => x.outcome === 'invalid' || x.outcome === 'indeterminate');
  const row = (label: string, value: string, attrs = '') =>
    value ? `<dt>${e(tr.t(label))}</dt><dd${attrs}>${value}</dd>` : '';
  const title = titleIn(view, tr.lang);
  const level = c?.aqrfLevel;
  const levelText =
    level !== undefined && tr.has(`aqrf.${level}`)
      ? `${e(tr.t('aqrf.level', { n: level }))} – ${e(tr.t(`aqrf.${level}`))}`
      : level !== undefined
        ? e(tr.t('aqrf.level', { n: level }))
        : '';
  const accreditation = !view.centre
    ? c
      ? e(tr.t('accreditation.unknown'))
      : ''
    : !view.accreditation
      ? ''
      : view.accreditation.covered
        ? e(
            tr.t('accreditation.ok', {
              from: tr.date(view.accreditation.validFrom),
              until: tr.date(view.accreditation.validUntil),
            }),
          )
        : e(tr.t('accreditation.no'));
  const centre = view.centre
    ? `${e(view.centre.name)}<br><small>${e(tr.t('country', { country: tr.countryName(view.centre.country) }))}</small>`
    : e(c?.issuerName ?? c?.issuer);

  const failures = failed.length
    ? `<section aria-labelledby="failed"><h2 id="failed">${e(tr.t('section.failed'))}</h2>
${failed.map((x) => `<div class="${x.outcome === 'invalid' ? 'fail' : 'warn'}" data-check="${e(x.id)}"${x.code ? ` data-code="${e(x.code)}"` : ''}><p>${e(failureText(tr, x))}</p>${x.message ? `<p><small>${e(tr.t('technical'))}: <span lang="en">${e(x.message)}</span></small></p>` : ''}</div>`).join('\n')}
<h2>${e(tr.t('section.next'))}</h2><p data-next>${e(nextStep(tr, result.outcome, failed))}</p></section>`
    : '';

  const facts = c
    ? `<section aria-labelledby="facts"><h2 id="facts">${e(tr.t('section.certificate'))}</h2><dl>
${row('field.worker', c.holderName ? shownName(tr, c.holderName) : '', ' data-field="worker"')}
${row('field.workerLatin', c.holderNameLatin ? shownName(tr, c.holderNameLatin) : '', ' data-field="worker-latin" lang="und-Latn"')}
${row('field.birthDate', c.holderBirthDate ? e(tr.date(c.holderBirthDate)) : '', ' data-field="birth-date"')}
${row('field.qualification', title ? `<span lang="${e(title.lang)}">${e(title.text)}</span>${c.qualification ? ` <small>(${e(c.qualification)})</small>` : ''}` : e(c.qualification), ' data-field="qualification"')}
${row('field.aqrf', levelText, ' data-field="aqrf"')}
${row('field.centre', centre, ' data-field="centre"')}
${row('field.accreditation', accreditation, ' data-field="accreditation"')}
${row('field.assessed', e(tr.date(c.assessmentDate)), ' data-field="assessed"')}
${row('field.language', e(tr.languageName(c.assessmentLanguage)), ' data-field="language"')}
${row('field.validFrom', e(tr.date(c.validFrom)), ' data-field="valid-from"')}
${row('field.validUntil', e(tr.date(c.validUntil)), ' data-field="valid-until"')}
${row('field.number', c.id ? `<small>${e(c.id)}</small>` : '')}
</dl></section>`
    : '';

  const id = links.urlId ? encodeURIComponent(links.urlId) : undefined;
  const pdfLang2 = tr.lang === 'en' ? '' : '&lang2=en';
  const more = `<nav class="links">${id ? `<a href="/v/${id}/worker?lang=${tr.lang}">${e(tr.t('link.worker'))}</a><a href="/certificates/${id}/certificate.pdf?lang=${tr.lang}${pdfLang2}">${e(tr.t('link.pdf'))}</a>` : ''}<a href="/scan?lang=${tr.lang}">${e(tr.t('link.scan'))}</a></nav>`;

  const body = `<section class="verdict ${v.css}" data-outcome="${e(result.outcome)}" role="status"><span class="icon" aria-hidden="true">${v.icon}</span><h1>${e(tr.t(`verdict.${result.outcome}`))}</h1><p>${e(tr.t(`advice.${result.outcome}`))}</p></section>
${failures}${facts}${more}<p class="note">${e(tr.t('checkedAt', { date: tr.date(result.verifiedAt) }))} <time datetime="${e(result.verifiedAt)}">${e(result.verifiedAt.slice(11, 16))} UTC</time></p>`;
  return renderPage({
    tr,
    title: tr.t(`verdict.${result.outcome}`),
    body,
    ...(links.switcherPath ? { switcherPath: links.switcherPath } : {}),
  });
}
