import type { CertificateView } from '../../services/verification/certificate-view.js';
import { titleIn } from '../../services/verification/certificate-view.js';
import { escapeHtml as e } from './html.js';
import { revealHidden } from '../../domain/hidden-characters.js';
import type { Translator } from './i18n.js';
import { renderPage } from './layout.js';
import { scanAssets } from './assets.js';

/** the worker page's own styles (allowed by hash: ./inline-styles.ts) */
export const WORKER_CSS =
  '.present{text-align:center}.present img{width:min(80vw,20rem);height:auto;image-rendering:pixelated;background:#fff}[hidden]{display:none!important}';

/**
 * The worker's own view of their certificate: what it says and what its AQRF level means,
 * in their language, and the QR code to show. Recognition decisions (which countries accept
 * it) are a later issue: that section is a labelled placeholder. The page can be saved to the
 * phone and opens without network (./web-app.ts, ./worker-script.ts). A revoked or suspended
 * certificate says so, and nothing on the page invites showing it as proof: no "show this
 * code", no "valid until".
 */
/**
 * `wallet`: the hub's own credential offer the link carried (?credential_offer=, checked by the
 * route): an "Add to your wallet" button opening the wallet app, and its QR code for a wallet on
 * another phone. Never the PIN: this page is public, the PIN comes from the centre. No survey
 * link either: the centre hands it to the worker (../../services/outcomes/worker-survey.ts).
 */
export function renderWorkerPage(
  view: CertificateView,
  tr: Translator,
  urlId: string,
  wallet?: { uri: string },
): string {
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
  // revoked or suspended: said in so many words, not as a generic failure
  const codes = view.result.checks.map((x) => x.code);
  const status = codes.includes('revoked') ? 'revoked' : codes.includes('suspended') ? 'suspended' : now;
  const id = encodeURIComponent(urlId);
  const present =
    now === 'valid'
      ? `<section class="present" aria-labelledby="present"><h2 id="present">${e(tr.t('worker.show.title'))}</h2>
<p>${e(tr.t('worker.show'))}</p><p><img src="/certificates/${id}/qr.svg" width="320" height="320" alt="${e(tr.t('worker.qrAlt'))}"></p>
<p class="muted">${e(tr.t('worker.save'))}</p></section>`
      : '';
  const offerQuery = wallet ? wallet.uri.slice(wallet.uri.indexOf('?') + 1) : '';
  const addToWallet =
    wallet && now === 'valid'
      ? `<section class="present" aria-labelledby="wallet"><h2 id="wallet">${e(tr.t('worker.wallet.title'))}</h2>
<p>${e(tr.t('worker.wallet.text'))}</p><p><a href="${e(wallet.uri)}" data-wallet-offer>${e(tr.t('worker.wallet.button'))}</a></p>
<p><img src="/wallet/offer.svg?${e(offerQuery)}" width="240" height="240" alt="${e(tr.t('worker.wallet.qrAlt'))}"></p></section>`
      : '';
  // the name made visible (../../domain/hidden-characters.ts), and a warning when it hides something
  const name = revealHidden(c?.holderName ?? '');
  const body = `<h1>${e(tr.t('worker.title'))}</h1>
<p class="${now === 'valid' ? '' : status === 'invalid' || status === 'revoked' ? 'fail' : 'warn'}" data-outcome="${now}" data-status="${status}">${e(tr.t(`worker.now.${status}`))}</p>
<p class="warn" id="offline-note" hidden>${e(tr.t('worker.offline', { date: tr.date(view.result.verifiedAt) }))}</p>
${present}
${addToWallet}
${
  c
    ? `<p data-intro>${sentence('worker.intro', {
        name: `<bdi>${strong(name.text)}</bdi>${c.holderNameLatin ? ` (<bdi lang="und-Latn" data-field="worker-latin">${e(revealHidden(c.holderNameLatin).text)}</bdi>)` : ''}`,
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
${now === 'valid' ? `<p>${e(tr.t('worker.check'))}</p>` : ''}
${c?.validUntil && now === 'valid' ? `<p>${e(tr.t('worker.valid', { date: tr.date(c.validUntil) }))}</p>` : ''}
${c?.id ? `<p>${e(tr.t('worker.keep', { id: '' }))}<br><code>${e(c.id)}</code></p>` : ''}
<section class="note" data-placeholder="recognition" aria-labelledby="recognition"><h2 id="recognition">${e(tr.t('worker.recognition.title'))}</h2><p>${e(tr.t('worker.recognition.placeholder'))}</p></section>
<nav class="links"><a href="/v/${id}?lang=${tr.lang}">${e(tr.t('link.verify'))}</a>${
    // a printout only of a certificate valid now, as on the verification page
    now === 'valid'
      ? `<a href="/certificates/${id}/certificate.pdf?lang=${tr.lang}${tr.lang === 'en' ? '' : '&lang2=en'}">${e(tr.t('link.pdf'))}</a>`
      : ''
  }</nav>
<script src="${scanAssets().worker.path}" defer></script>`;
  return renderPage({
    tr,
    title: tr.t('worker.title'),
    body,
    switcherPath: `/v/${id}/worker`,
    head: `<style>${WORKER_CSS}</style>`,
    manifest: `/v/${id}/worker/manifest.webmanifest?lang=${tr.lang}`,
  });
}
