import type { CertificateView } from '../../services/verification/certificate-view.js';
import { titleIn } from '../../services/verification/certificate-view.js';
import { escapeHtml as e } from './html.js';
import { revealHidden } from '../../domain/hidden-characters.js';
import type { Translator } from './i18n.js';
import { renderPage } from './layout.js';

/**
 * The worker's own view of their certificate: what it says and what its AQRF level means,
 * in their language. Recognition decisions (which countries accept it) are a later issue:
 * that section is a labelled placeholder.
 */
export function renderWorkerPage(view: CertificateView, tr: Translator, urlId: string): string {
  const c = view.result.credential;
  const title = titleIn(view, tr.lang);
  const level = c?.aqrfLevel;
  const strong = (s: string | undefined) => `<strong>${e(s ?? '')}</strong>`;
  // fill the sentence with escaped, emphasised values (the sentence itself is escaped first)
  const sentence = (key: string, vars: Record<string, string>) => {
    const marks = Object.fromEntries(Object.keys(vars).map((k, i) => [k, `\u0000${i}\u0000`]));
    let html = e(tr.t(key, marks));
    Object.values(vars).forEach((v, i) => {
      html = html.replace(`\u0000${i}\u0000`, v);
    });
    return html;
  };
  const descriptor = view.aqrf
    ? `<details><summary>${e(tr.t('worker.descriptor'))}</summary><dl lang="en">
<dt>${e(tr.t('worker.knowledge'))}</dt><dd>${e(view.aqrf.knowledgeAndSkills[tr.lang] ?? view.aqrf.knowledgeAndSkills.en)}</dd>
<dt>${e(tr.t('worker.responsibility'))}</dt><dd>${e(view.aqrf.applicationAndResponsibility[tr.lang] ?? view.aqrf.applicationAndResponsibility.en)}</dd></dl></details>`
    : '';
  const now = view.result.outcome;
  // the name made visible (../../domain/hidden-characters.ts), and a warning when it hides something
  const name = revealHidden(c?.holderName ?? '');
  const body = `<h1>${e(tr.t('worker.title'))}</h1>
<p class="${now === 'valid' ? '' : now === 'invalid' ? 'fail' : 'warn'}" data-outcome="${now}">${e(tr.t(`worker.now.${now}`))}</p>
${
  c
    ? `<p data-intro>${sentence('worker.intro', {
        name: `<bdi>${strong(name.text)}</bdi>`,
        qualification: title
          ? `<strong lang="${e(title.lang)}">${e(title.text)}</strong>`
          : strong(c.qualification),
        date: strong(tr.date(c.assessmentDate)),
        centre: strong(view.centre?.name ?? c.issuerName ?? c.issuer),
      })}</p>${name.hidden ? `<p class="warn" data-warning="hidden-characters">${e(tr.t('name.hidden'))}</p>` : ''}`
    : ''
}
${
  level !== undefined
    ? `<h2>${e(tr.t('field.aqrf'))}: ${e(tr.t('aqrf.level', { n: level }))}</h2>
<p>${e(tr.t('worker.level', { n: level }))}</p><p class="warn" data-aqrf="${level}"><strong>${e(tr.has(`aqrf.${level}`) ? tr.t(`aqrf.${level}`) : '')}</strong></p>
<p>${e(tr.t('aqrf.about'))} ${e(tr.t('worker.aqrf'))}</p>${descriptor}`
    : ''
}
<h2>${e(tr.t('section.certificate'))}</h2>
<p>${e(tr.t('worker.check'))}</p>
${c?.validUntil ? `<p>${e(tr.t('worker.valid', { date: tr.date(c.validUntil) }))}</p>` : ''}
${c?.id ? `<p>${e(tr.t('worker.keep', { id: '' }))}<br><code>${e(c.id)}</code></p>` : ''}
<section class="note" data-placeholder="recognition" aria-labelledby="recognition"><h2 id="recognition">${e(tr.t('worker.recognition.title'))}</h2><p>${e(tr.t('worker.recognition.placeholder'))}</p></section>
<nav class="links"><a href="/v/${encodeURIComponent(urlId)}?lang=${tr.lang}">${e(tr.t('link.verify'))}</a><a href="/certificates/${encodeURIComponent(urlId)}/certificate.pdf?lang=${tr.lang}${tr.lang === 'en' ? '' : '&lang2=en'}">${e(tr.t('link.pdf'))}</a></nav>`;
  return renderPage({
    tr,
    title: tr.t('worker.title'),
    body,
    switcherPath: `/v/${encodeURIComponent(urlId)}/worker`,
  });
}
