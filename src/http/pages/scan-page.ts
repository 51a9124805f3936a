import { escapeHtml as e } from './html.js';
import type { Translator } from './i18n.js';
import { catalogue } from './i18n.js';
import { renderPage } from './layout.js';

/** The texts the scan script needs, in the page's language (a few KB, inlined as JSON). */
function scriptTexts(tr: Translator): Record<string, string> {
  const keys = Object.keys(catalogue().en.texts).filter((k) => /^(verdict|code|check|scan|name)\./.test(k));
  return Object.fromEntries(keys.map((k) => [k, tr.t(k)]));
}

/** The scan page's own styles (no style attributes: the page's CSP allows only these blocks, by hash). */
export const SCAN_CSS =
  '#video{width:100%;max-height:55vh;background:#000}#results{padding-left:1.5rem}.entry{margin:.4rem 0;padding:.4rem .6rem;border-radius:.3rem}.entry.ok{background:#e6f4ea;border-left:6px solid #0a6b2e}.entry.bad{background:#fdf0f0;border-left:6px solid #a4161a}.entry.unsure{background:#fdf7ea;border-left:6px solid #7a5200}.entry.again{outline:3px solid #f0a500}.entry a{margin-left:.5rem}' +
  // the full-screen verdict after each scan: green, red, or amber (suspended, could not be checked)
  '[hidden]{display:none!important}#summary{font-weight:700}#export{margin:.2rem 0 .6rem}' +
  '.overlay{position:fixed;inset:0;z-index:10;display:flex;align-items:center;justify-content:center;padding:1.5rem;color:#fff;text-align:center;cursor:pointer}' +
  '.overlay.ok{background:#0a6b2e}.overlay.bad{background:#a4161a}.overlay.warn{background:#f2a900;color:#111}.overlay-box{max-width:30rem}' +
  '.overlay p{font-size:1.2rem;margin:.4rem 0}.overlay .overlay-icon{font-size:6rem;line-height:1;font-weight:700;margin:0}.overlay h2{font-size:2.4rem;line-height:1.3;margin:.5rem 0}.overlay #overlay-name{font-size:1.6rem;font-weight:700}' +
  '.overlay button{margin-top:1.2rem;min-height:48px;min-width:8rem;background:#fff;color:#111;border-color:#111;font-size:1.2rem}';

/** JSON inside <script>: `<` escaped so no text can close the element. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * GET /scan: check many certificates in a row with the device camera, or from a photo, a file
 * (a picture or a certificate PDF: POST /scan/pdf reads its QR code), or by pasting one. After
 * each scan a full-screen verdict (with a tone and a vibration where the phone allows); a
 * running count and a CSV of the session. Without JavaScript only the paste form works (it
 * posts to /v).
 */
export function renderScanPage(tr: Translator, assets: { jsqr: string; script: string }): string {
  const body = `<h1>${e(tr.t('scan.title'))}</h1><p>${e(tr.t('scan.intro'))}</p>
<noscript><p class="warn">${e(tr.t('scan.needsJs'))}</p></noscript>
<div id="scanner" hidden>
<p><button type="button" id="start">${e(tr.t('scan.start'))}</button> <button type="button" id="stop" class="secondary" hidden>${e(tr.t('scan.stop'))}</button></p>
<video id="video" playsinline muted hidden></video>
<p><label for="photo">${e(tr.t('scan.photo'))}</label><br><input type="file" id="photo" accept="image/*" capture="environment"></p>
<p><label for="upload">${e(tr.t('scan.upload'))}</label><br><input type="file" id="upload" accept="image/*,application/pdf,.pdf"></p>
</div>
<p id="scan-status" role="status" aria-live="polite"></p>
<form id="paste" method="post" action="/v"><input type="hidden" name="lang" value="${tr.lang}">
<p><label for="credential">${e(tr.t('scan.paste'))}</label><br><textarea id="credential" name="credential" rows="4" required></textarea></p>
<p><button type="submit">${e(tr.t('scan.check'))}</button></p></form>
<h2>${e(tr.t('scan.results'))}</h2>
<p id="summary" hidden></p><p><button type="button" id="export" class="secondary" hidden>${e(tr.t('scan.export'))}</button></p>
<ol id="results" reversed><li id="empty" class="muted">${e(tr.t('scan.empty'))}</li></ol>
<div id="overlay" class="overlay" role="alertdialog" aria-modal="true" aria-labelledby="overlay-title" aria-describedby="overlay-detail" hidden><div class="overlay-box">
<p class="overlay-icon" id="overlay-icon" aria-hidden="true"></p><h2 id="overlay-title"></h2><div id="overlay-detail"><p id="overlay-name"></p><p id="overlay-qual"></p><p id="overlay-why"></p></div>
<button type="button" id="overlay-close">${e(tr.t('scan.overlayClose'))}</button><p>${e(tr.t('scan.overlayHint'))}</p></div></div>
<script type="application/json" id="scan-texts">${scriptJson(scriptTexts(tr))}</script>
<script src="${e(assets.jsqr)}" defer></script><script src="${e(assets.script)}" defer></script>`;
  return renderPage({
    tr,
    title: tr.t('scan.title'),
    body,
    head: `<style>${SCAN_CSS}</style>`,
    switcherPath: '/scan',
  });
}
