import type { CheckResult, Outcome } from '../../domain/verification-result.js';
import { checklist, type VerdictState } from '../../domain/verdict-state.js';
import type { CertificateView } from '../../services/verification/certificate-view.js';
import { titleIn } from '../../services/verification/certificate-view.js';
import { escapeHtml as e } from './html.js';
import { revealHidden } from '../../domain/hidden-characters.js';
import type { Translator } from './i18n.js';
import { renderPage } from './layout.js';
import { presentationSection } from './presentation-section.js';

/**
 * The page a phone opens when it scans a certificate's QR code: a large verdict (one per
 * state, ../../domain/verdict-state.ts), then the facts that matter within a phone's first
 * screen, what failed, and what was checked, in the reader's language. Server-rendered, no
 * script, a few KB.
 */

/** Each state's headline and sentence (data/i18n), and its icon: simple strokes, drawn inline (nothing to fetch). */
const LOOK: Record<VerdictState, { title: string; text: string; icon: string }> = {
  valid: { title: 'verdict.valid', text: 'advice.valid', icon: '<path d="M4.5 12.5l5 5 10-11"/>' },
  revoked: {
    title: 'state.revoked',
    text: 'state.revoked.text',
    icon: '<circle cx="12" cy="12" r="9"/><path d="M5.6 5.6l12.8 12.8"/>',
  },
  suspended: {
    title: 'state.suspended',
    text: 'state.suspended.text',
    icon: '<circle cx="12" cy="12" r="9"/><path d="M10 8.5v7M14 8.5v7"/>',
  },
  expired: {
    title: 'state.expired',
    text: 'state.expired.text',
    icon: '<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3.5 3"/>',
  },
  'not-yet-valid': {
    title: 'state.not-yet-valid',
    text: 'state.not-yet-valid.text',
    icon: '<rect x="4" y="5.5" width="16" height="14.5" rx="2"/><path d="M4 10h16M8.5 3.5v4M15.5 3.5v4"/>',
  },
  altered: {
    title: 'state.altered',
    text: 'state.altered.text',
    icon: '<path d="M12 3.5l9.5 17h-19z"/><path d="M12 10v4.5M12 17.2v.3"/>',
  },
  'unknown-issuer': {
    title: 'state.unknown-issuer',
    text: 'state.unknown-issuer.text',
    icon: '<circle cx="12" cy="8" r="4"/><path d="M4.5 20.5c1-4 4-6 7.5-6M16 15.5a2.2 2.2 0 1 1 2.5 2.2v1M18.5 21v.3"/>',
  },
  'not-found': {
    title: 'state.not-found',
    text: 'state.not-found.text',
    icon: '<circle cx="10.5" cy="10.5" r="6.5"/><path d="M15.5 15.5l5 5"/>',
  },
  invalid: {
    title: 'verdict.invalid',
    text: 'advice.invalid',
    icon: '<path d="M6 6l12 12M18 6L6 18"/>',
  },
  unchecked: {
    title: 'verdict.indeterminate',
    text: 'advice.indeterminate',
    icon: '<path d="M8.5 8.5a3.5 3.5 0 1 1 4.9 3.2c-.9.4-1.4 1.1-1.4 2.1v.7M12 18v.3"/>',
  },
};

/** The headline of a state, in the reader's language (also the page's title). */
export const verdictTitle = (tr: Translator, state: VerdictState): string => tr.t(LOOK[state].title);

const MARK_SIGN = { passed: '✓', failed: '✗', 'not-checked': '–' } as const;

/** States whose credential content is not shown as fact: its signature is broken, or its signer unknown. */
const UNTRUSTED: readonly VerdictState[] = ['altered', 'unknown-issuer'];

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

/** The facts of a certificate, the ones a phone must show on its first screen first. */
function factRows(view: CertificateView, tr: Translator): string {
  const c = view.result.credential;
  if (!c) return '';
  const row = (label: string, value: string, attrs = '') =>
    value ? `<dt>${e(tr.t(label))}</dt><dd${attrs}>${value}</dd>` : '';
  const title = titleIn(view, tr.lang);
  const level = c.aqrfLevel;
  const levelText =
    level !== undefined && tr.has(`aqrf.${level}`)
      ? `${e(tr.t('aqrf.level', { n: level }))} – <small>${e(tr.t(`aqrf.${level}`))}</small>`
      : level !== undefined
        ? e(tr.t('aqrf.level', { n: level }))
        : '';
  const accreditation = !view.centre
    ? e(tr.t('accreditation.unknown'))
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
    : e(c.issuerName ?? c.issuer);
  return [
    row('field.worker', c.holderName ? shownName(tr, c.holderName) : '', ' data-field="worker"'),
    row(
      'field.workerLatin',
      c.holderNameLatin ? shownName(tr, c.holderNameLatin) : '',
      ' data-field="worker-latin" lang="und-Latn"',
    ),
    row(
      'field.qualification',
      title
        ? `<span lang="${e(title.lang)}">${e(title.text)}</span>${c.qualification ? ` <small>(${e(c.qualification)})</small>` : ''}`
        : e(c.qualification),
      ' data-field="qualification"',
    ),
    row('field.aqrf', levelText, ' data-field="aqrf"'),
    row('field.centre', centre, ' data-field="centre"'),
    row('field.validUntil', e(tr.date(c.validUntil)), ' data-field="valid-until"'),
    row(
      'field.birthDate',
      c.holderBirthDate ? e(tr.date(c.holderBirthDate)) : '',
      ' data-field="birth-date"',
    ),
    row('field.accreditation', accreditation, ' data-field="accreditation"'),
    row('field.assessed', e(tr.date(c.assessmentDate)), ' data-field="assessed"'),
    row('field.language', e(tr.languageName(c.assessmentLanguage)), ' data-field="language"'),
    row('field.validFrom', e(tr.date(c.validFrom)), ' data-field="valid-from"'),
    row('field.number', c.id ? `<small>${e(c.id)}</small>` : ''),
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * The certificate's facts; for an altered copy (or one from an unknown signer) never its
 * claims, but this hub's own record of the certificate with that number when it issued one.
 */
function factsSection(view: CertificateView, tr: Translator): string {
  if (!view.result.credential) return '';
  if (!UNTRUSTED.includes(view.state))
    return `<section aria-labelledby="facts"><h2 id="facts">${e(tr.t('section.certificate'))}</h2><dl class="facts">
${factRows(view, tr)}
</dl></section>`;
  const record = view.hubRecord;
  return `<section aria-labelledby="facts" data-untrusted><p class="fail" data-warning="content-not-shown">${e(tr.t('content.notShown'))}</p>${
    record
      ? `<h2 id="facts">${e(tr.t('altered.record'))}</h2><dl class="facts" data-record="hub">
${factRows(record.view, tr)}
</dl><p><a href="/v/${encodeURIComponent(record.urlId)}?lang=${tr.lang}">${e(tr.t('link.verify'))}</a></p>`
      : `<h2 id="facts" class="sr">${e(tr.t('section.certificate'))}</h2>`
  }</section>`;
}

/** "What was checked": each line passed, failed or not checked, and when. */
function checklistSection(view: CertificateView, tr: Translator): string {
  const { result } = view;
  const c = result.credential;
  const issuerDetail =
    view.centre && !UNTRUSTED.includes(view.state)
      ? `<br><small>${e(view.centre.name)}${c?.qualification ? ` – ${e(c.qualification)}` : ''}</small>`
      : '';
  const items = checklist(result)
    .map(
      ({ item, mark }) =>
        `<li data-item="${item}" data-mark="${mark}"><span class="mark m-${mark}"><span aria-hidden="true">${MARK_SIGN[mark]}</span> ${e(tr.t(`mark.${mark}`))}</span> <span>${e(tr.t(`checklist.${item}`))}${item === 'issuer' ? issuerDetail : ''}</span></li>`,
    )
    .join('');
  return `<section aria-labelledby="checked"><h2 id="checked">${e(tr.t('checklist.title'))}</h2><ul class="checklist">${items}</ul>
<p data-checked-at>${e(tr.t('checkedAt', { date: tr.date(result.verifiedAt) }))} <time datetime="${e(result.verifiedAt)}">${e(result.verifiedAt.slice(11, 16))} UTC</time></p></section>`;
}

export function renderVerifyPage(view: CertificateView, tr: Translator, links: VerifyPageLinks = {}): string {
  const { result, state } = view;
  const look = LOOK[state];
  const failed = result.checks.filter((x) => x.outcome === 'invalid' || x.outcome === 'indeterminate');
  const since =
    view.statusSince && (state === 'revoked' || state === 'suspended')
      ? `<p data-since="${e(view.statusSince)}"><strong>${e(tr.t(`state.${state}.since`, { date: tr.date(view.statusSince) }))}</strong></p>`
      : '';

  const failures = failed.length
    ? `<section aria-labelledby="failed"><h2 id="failed">${e(tr.t('section.failed'))}</h2>
${failed.map((x) => `<div class="${x.outcome === 'invalid' ? 'fail' : 'warn'}" data-check="${e(x.id)}"${x.code ? ` data-code="${e(x.code)}"` : ''}><p>${e(failureText(tr, x))}</p>${x.message ? `<p><small>${e(tr.t('technical'))}: <span lang="en">${e(x.message)}</span></small></p>` : ''}</div>`).join('\n')}
<h2>${e(tr.t('section.next'))}</h2><p data-next>${e(nextStep(tr, result.outcome, failed))}</p></section>`
    : '';

  // a printout only of a certificate that is valid now: a revoked or suspended one must not
  // be printed clean (its PDF carries a stamp, ./certificate-pdf.ts, but is not offered here)
  const id = links.urlId ? encodeURIComponent(links.urlId) : undefined;
  const pdfLang2 = tr.lang === 'en' ? '' : '&lang2=en';
  const pdf =
    id && state === 'valid'
      ? `<a href="/certificates/${id}/certificate.pdf?lang=${tr.lang}${pdfLang2}" data-link="pdf">${e(tr.t('link.pdf'))}</a>`
      : '';
  const more = `<nav class="links">${id ? `<a href="/v/${id}/worker?lang=${tr.lang}">${e(tr.t('link.worker'))}</a>${pdf}` : ''}<a href="/scan?lang=${tr.lang}">${e(tr.t('link.scan'))}</a></nav>`;

  const body = `<section class="verdict v-${state}" data-state="${state}" data-outcome="${e(result.outcome)}" role="status"><svg class="icon" aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round">${look.icon}</svg><h1>${e(tr.t(look.title))}</h1><p>${e(tr.t(look.text))}</p>${since}</section>
${factsSection(view, tr)}${presentationSection(result, tr)}${failures}${checklistSection(view, tr)}${more}`;
  return renderPage({
    tr,
    title: tr.t(look.title),
    body,
    ...(links.switcherPath ? { switcherPath: links.switcherPath } : {}),
  });
}
