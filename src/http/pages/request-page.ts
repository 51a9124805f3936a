import type { PresentationRequestView } from '../../services/presentations/presentation-requests.js';
import { escapeHtml as e } from './html.js';
import type { Translator } from './i18n.js';
import { renderPage } from './layout.js';
import { scanAssets } from './assets.js';

/**
 * The employer's page for a presentation request (README "Asking a worker's wallet for a
 * certificate"): while pending, the QR code the worker scans with a wallet and a link for a
 * wallet on the same phone; it polls (./request-script.ts) and, once answered, the route shows
 * the verification page instead. An expired request says so.
 */
export function renderRequestPage(
  request: PresentationRequestView,
  tr: Translator,
  o: { qr: string; walletLink: string; pollPath: string; switcherPath: string; key: string },
): string {
  const asked = `<p data-qualification="${e(request.qualification)}">${e(tr.t('request.qualification'))}: <strong>${e(request.qualification)}</strong>${
    request.purpose ? `<br><small>${e(tr.t('request.purpose'))}: ${e(request.purpose)}</small>` : ''
  }</p>`;
  const body =
    request.status === 'expired'
      ? `<section class="verdict v-expired" data-request="expired" role="status"><h1>${e(tr.t('request.expired'))}</h1><p>${e(tr.t('request.expired.text'))}</p></section>${asked}`
      : `<section data-request="pending" data-poll="${e(o.pollPath)}"><h1>${e(tr.t('request.title'))}</h1>${asked}
<p>${e(tr.t('request.scan'))}</p><div class="qr" data-qr>${o.qr}</div>
<p><a href="${e(o.walletLink)}" data-wallet-link>${e(tr.t('request.open'))}</a></p>
<p role="status" aria-live="polite">${e(tr.t('request.waiting'))}</p>
<p><small>${e(tr.t('request.expires', { time: `${request.expiresAt.slice(11, 16)} UTC` }))}</small></p>
<noscript><p>${e(tr.t('request.reload'))}</p></noscript></section>
<script src="${scanAssets().request.path}" defer></script>`;
  return renderPage({
    tr,
    title: tr.t(request.status === 'expired' ? 'request.expired' : 'request.title'),
    body,
    switcherPath: o.switcherPath,
    keepQuery: { key: o.key },
  });
}
