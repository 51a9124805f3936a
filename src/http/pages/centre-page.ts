import { BATCH_COLUMNS } from '../../domain/batch-rows.js';
import { REVEAL_SCRIPT } from './reveal-script.js';
import { FONT_FACE_CSS } from './web-fonts.js';
import { appLinks } from './layout.js';
import { catalogue, LANGUAGES, translator, type Translator } from './i18n.js';

/**
 * GET /centre: the testing centre's desk, for staff with little IT help. Sign in with the
 * centre token (kept in sessionStorage, gone when the tab closes), upload a cohort file or
 * paste it, see the preview with every problem by row and column, fix the text and check
 * again, certify with a progress bar, download the results; list, search, revoke, suspend and
 * reinstate issued certificates. Plain HTML and a small vanilla script (GET /centre.js): no
 * framework, no inline script, works with the keyboard and a screen reader (labels, live
 * regions, table captions). In the five languages of data/i18n (the script's texts come in a
 * JSON data block, which is not a script); the hub's own messages (row problems) stay English.
 * On a phone the tables become stacked cards (each cell labelled with its column), so nothing
 * scrolls sideways.
 */
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// the self-hosted Noto faces first, as on every page (./web-fonts.ts): a phone without them still shows Thai, Khmer, Lao and Burmese
export const CENTRE_CSS = `${FONT_FACE_CSS}
*{box-sizing:border-box}html{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Khmer","Noto Sans Thai","Noto Sans Lao","Noto Sans Myanmar",Arial,sans-serif;color:#111;background:#fff}
:lang(km){line-height:1.9}:lang(my){line-height:2}:lang(lo){line-height:1.8}
body{margin:0}header{padding:.5rem 1rem;background:#0b4ea2;color:#fff;display:flex;justify-content:space-between;align-items:center;flex-wrap:wrap;gap:.5rem}
header h1{font-size:1.2rem;margin:0}header nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.2rem .8rem;margin:0;padding:0}
header a{color:#fff;display:inline-block;min-height:24px;min-width:24px;text-align:center;padding:.1rem 0}header a[aria-current]{font-weight:700;text-decoration:none}
main{max-width:60rem;margin:0 auto;padding:1rem}section{margin:0 0 2rem}
h2{font-size:1.15rem;border-bottom:2px solid #dde;padding-bottom:.2rem}label{display:block;font-weight:600;margin:.6rem 0 .2rem}
input[type=text],input[type=password],input[type=search],select{font:inherit;padding:.45rem;border:1px solid #889;border-radius:.3rem;width:24rem;max-width:100%}
textarea{width:100%;min-height:10rem;font:13px/1.4 ui-monospace,monospace;border:1px solid #889;border-radius:.3rem;padding:.4rem}
button{font:inherit;padding:.5rem .9rem;border-radius:.3rem;border:2px solid #0b4ea2;background:#0b4ea2;color:#fff;cursor:pointer;margin:.3rem .3rem .3rem 0;min-height:44px}
button.secondary{background:#fff;color:#0b4ea2}button.danger{background:#a4161a;border-color:#a4161a}button:disabled{opacity:.5;cursor:not-allowed}
a{color:#0b4ea2}:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.95rem}caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border:1px solid #ccd;padding:.3rem .45rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}th{background:#f1f3f5}
tr.invalid td,tr.failed td{background:#fdf0f0}tr.issued td{background:#effaf2}
.status{padding:.5rem .8rem;border-left:6px solid #0b4ea2;background:#eef4fc;margin:.5rem 0}.status.error{border-color:#a4161a;background:#fdf0f0}
.counts{display:flex;gap:1.5rem;flex-wrap:wrap;font-size:1.05rem}.counts b{font-size:1.3rem}progress{width:100%;height:1.4rem}
.hint{color:#444;font-size:.9rem}[hidden]{display:none!important}.badge{padding:0 .4rem;border-radius:.3rem;font-size:.85rem;color:#fff}
.badge.valid{background:#0a6b2e}.badge.revoked{background:#a4161a}.badge.suspended{background:#7a5200}.badge.expired{background:#555}
.latin{display:block;color:#444;font-size:.9em}
@media (max-width:40rem){main{padding:.75rem}table,thead,tbody,tr,th,td,caption{display:block}thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
tr{border:1px solid #ccd;border-radius:.4rem;margin:.5rem 0;padding:.3rem .5rem}td,tbody th{border:0;padding:.15rem 0}
td[data-label]::before,th[data-label]::before{content:attr(data-label);display:block;font-size:.8rem;font-weight:600;color:#444}
tr.invalid,tr.failed{background:#fdf0f0}tr.issued{background:#effaf2}}`;

export function renderCentrePage(scriptPath: string, tr: Translator): string {
  const t = (key: string) => esc(tr.t(key));
  const head = (keys: string[]) =>
    `<thead><tr>${keys.map((k) => `<th scope="col">${t(`centre.col.${k}`)}</th>`).join('')}</tr></thead>`;
  const columns = BATCH_COLUMNS.map(
    (c) =>
      `<tr><th scope="row" data-label="${t('centre.col.column')}"><code>${esc(c.name)}</code></th><td data-label="${t('centre.col.required')}">${c.required ? t('centre.yes') : t('centre.no')}</td><td data-label="${t('centre.col.meaning')}">${tr.has(`centre.column.${c.name}`) ? t(`centre.column.${c.name}`) : esc(c.description)}</td><td data-label="${t('centre.col.example')}"><code>${esc(c.example)}</code></td></tr>`,
  ).join('');
  // the script's texts, in this language: a JSON data block (not run, so the CSP allows it); "<" escaped so no text can close it
  const texts = JSON.stringify(
    Object.fromEntries(SCRIPT_KEYS.map((k) => [k.replace(/^centre\./, ''), tr.t(k)])),
  ).replace(/</g, '\\u003c');
  const switcher = `<nav aria-label="${esc(tr.t('lang.label'))}"><ul>${LANGUAGES.map(
    (l) =>
      `<li><a lang="${l}" hreflang="${l}" href="/centre?lang=${l}"${l === tr.lang ? ' aria-current="true"' : ''}>${esc(translator(l).nativeName)}</a></li>`,
  ).join('')}</ul></nav>`;
  const steps = esc(tr.t('centre.steps')).replace(
    '{template}',
    `<a href="/batches/template.csv">${t('centre.template')}</a>`,
  );
  return `<!doctype html>
<html lang="${tr.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${t('centre.title')}</title>${appLinks(`/manifest.webmanifest?lang=${tr.lang}`)}<style>${CENTRE_CSS}</style><script type="application/json" id="centre-texts">${texts}</script><script src="${esc(scriptPath)}" defer></script></head>
<body><header><h1>${t('centre.title')}</h1>${switcher}<div id="who" hidden><span id="who-text"></span> <button type="button" class="secondary" id="sign-out">${t('centre.signOut')}</button></div></header>
<main>
<div id="status" class="status" role="status" aria-live="polite" hidden></div>
<section id="sign-in" aria-labelledby="sign-in-h"><h2 id="sign-in-h">${t('centre.signIn')}</h2>
<form id="sign-in-form"><label for="token">${t('centre.token')}</label><input type="password" id="token" name="token" autocomplete="off" required aria-describedby="token-hint">
<p class="hint" id="token-hint">${t('centre.tokenHint')}</p>
<button type="submit">${t('centre.signIn')}</button></form></section>

<div id="desk" hidden>
<section id="cohort" aria-labelledby="cohort-h"><h2 id="cohort-h">${t('centre.cohort')}</h2>
<p>${steps}</p>
<details><summary>${t('centre.columns')}</summary><table><caption>${t('centre.columnsCaption')}</caption>${head(['column', 'required', 'meaning', 'example'])}<tbody>${columns}</tbody></table></details>
<form id="upload-form">
<label for="file">${t('centre.file')}</label><input type="file" id="file" accept=".csv,text/csv">
<label for="csv">${t('centre.text')}</label><textarea id="csv" spellcheck="false" aria-describedby="csv-hint"></textarea>
<p class="hint" id="csv-hint">${t('centre.textHint')}</p>
<label for="format">${t('centre.format')}</label><select id="format"><option value="di">Data Integrity (JSON)</option><option value="vc+jwt">VC-JOSE (JWT)</option></select>
<div><button type="submit" id="check">${t('centre.check')}</button></div></form>
<div id="preview" hidden>
<div class="counts" id="preview-counts"></div>
<table id="errors-table" hidden><caption>${t('centre.problemsCaption')}</caption>${head(['row', 'column', 'problem'])}<tbody></tbody></table>
<table id="rows-table"><caption>${t('centre.rowsCaption')}</caption>${head(['row', 'name', 'qualification', 'state'])}<tbody></tbody></table>
<button type="button" id="commit">${t('centre.certifyValid')}</button>
</div>
<div id="progress-box" hidden><label for="progress">${t('centre.certifying')}</label><progress id="progress" max="1" value="0"></progress><p id="progress-text" aria-live="polite"></p>
<p><a id="download" href="#" hidden>${t('centre.download')}</a></p></div>
</section>

<section id="wallet" aria-labelledby="wallet-h" hidden><h2 id="wallet-h">${t('centre.wallet.title')} <bdi id="wallet-name"></bdi></h2>
<p>${t('centre.wallet.intro')}</p><p><img id="wallet-qr" width="240" height="240" alt="${t('centre.wallet.qrAlt')}"></p>
<p>${t('centre.wallet.pin')}: <strong id="wallet-pin"></strong></p><p>${t('centre.wallet.expires')}: <span id="wallet-expires"></span></p>
<p><a id="wallet-link" href="#">${t('centre.wallet.link')}</a></p></section>

<section id="certificates" aria-labelledby="certs-h"><h2 id="certs-h">${t('centre.issued')}</h2>
<form id="search-form" role="search"><label for="q">${t('centre.search')}</label><input type="search" id="q" name="q"> <button type="submit">${t('centre.searchButton')}</button></form>
<table id="certs-table"><caption>${t('centre.certsCaption')}</caption>${head(['name', 'qualification', 'issued', 'status', 'actions'])}<tbody></tbody></table>
</section>
</div>
</main></body></html>`;
}

/** The keys of the texts the script shows (centre.js.* and the column names its cards label cells with). */
const SCRIPT_KEYS = [
  ...Object.keys(catalogue().en.texts).filter((k) => k.startsWith('centre.js.')),
  ...['row', 'column', 'problem', 'name', 'qualification', 'state', 'issued', 'status', 'actions'].map(
    (c) => `centre.col.${c}`,
  ),
];

/** The page's script, served as GET /centre.js (no inline script). */
export const CENTRE_SCRIPT = `(() => {
'use strict';
const $ = (id) => document.getElementById(id);
// the texts in the page's language, from the page (GET /centre?lang=...)
const TEXTS = JSON.parse($('centre-texts').textContent);
const t = (key, vars) => String(TEXTS[key] || key).replace(/\\{(\\w+)\\}/g, (all, k) => (vars && k in vars ? String(vars[k]) : all));
const KEY = 'skillpass.centreToken';
let batch = null;
const token = () => sessionStorage.getItem(KEY);
const say = (text, error) => { const s = $('status'); s.hidden = !text; s.textContent = text || ''; s.classList.toggle('error', !!error); };
const api = async (path, init = {}) => {
  const headers = Object.assign({ authorization: 'Bearer ' + token() }, init.headers || {});
  const res = await fetch(path, Object.assign({}, init, { headers }));
  if (res.status === 401) { signOut(); throw new Error(t('js.unknownToken')); }
  return res;
};
const problem = async (res) => { try { const p = await res.json(); return p.detail || p.title || ('HTTP ' + res.status); } catch (e) { return 'HTTP ' + res.status; } };
// each cell carries its column's name: on a phone the table is a stack of cards, each value labelled
const cell = (tr, text, column) => { const td = document.createElement('td'); td.textContent = text == null ? '' : String(text); if (column) td.dataset.label = t('col.' + column); tr.appendChild(td); return td; };
// a worker's name with any invisible or direction-changing character shown as ⟨U+202E⟩ (./reveal-script.ts)
${REVEAL_SCRIPT}
const shownName = (name) => revealHidden(name || '').text;
const nameCell = (tr, name, latin) => { const td = cell(tr, '', 'name'); const b = document.createElement('bdi'); b.textContent = shownName(name); td.appendChild(b);
  if (latin) { const l = document.createElement('bdi'); l.className = 'latin'; l.lang = 'und-Latn'; l.textContent = shownName(latin); td.appendChild(l); }
  return td; };
const show = (signedIn) => { $('sign-in').hidden = signedIn; $('desk').hidden = !signedIn; $('who').hidden = !signedIn; };
function signOut() { sessionStorage.removeItem(KEY); show(false); say(t('js.signedOut')); }

$('sign-in-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  sessionStorage.setItem(KEY, $('token').value.trim());
  $('token').value = '';
  try {
    const res = await api('/batches');
    if (!res.ok) { sessionStorage.removeItem(KEY); show(false); say(await problem(res), true); return; }
    show(true); say(t('js.signedIn')); $('who-text').textContent = t('js.signedIn'); search();
  } catch (e) { say(e.message, true); }
});
$('sign-out').addEventListener('click', signOut);

$('file').addEventListener('change', async () => {
  const f = $('file').files[0];
  if (!f) return;
  const bytes = new Uint8Array(await f.arrayBuffer());
  let text;
  try {
    const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
    text = new TextDecoder(utf16 || 'utf-8', { fatal: true }).decode(bytes);
  } catch (e) { say(t('js.notText'), true); return; }
  $('csv').value = text.replace(/^\\uFEFF/, '');
  say(t('js.fileLoaded', { name: f.name }));
});

const renderPreview = (p) => {
  batch = p;
  $('preview').hidden = false; $('progress-box').hidden = true;
  const c = p.counts;
  $('preview-counts').innerHTML = '';
  for (const [label, n] of [[t('js.rows'), c.total], [t('js.willCertify'), c.valid], [t('js.withProblems'), c.invalid]]) {
    const span = document.createElement('span'); const b = document.createElement('b'); b.textContent = n; span.append(b, ' ' + label); $('preview-counts').appendChild(span);
  }
  const eb = $('errors-table').tBodies[0]; eb.innerHTML = '';
  for (const e of p.errors) { const tr = document.createElement('tr'); cell(tr, e.row, 'row'); cell(tr, e.column, 'column'); cell(tr, e.message, 'problem'); eb.appendChild(tr); }
  $('errors-table').hidden = p.errors.length === 0;
  const rb = $('rows-table').tBodies[0]; rb.innerHTML = '';
  for (const r of p.rows) { const tr = document.createElement('tr'); tr.className = r.state; cell(tr, r.row, 'row'); nameCell(tr, r.holderName, r.holderNameLatin); cell(tr, r.qualification, 'qualification'); cell(tr, t('js.state.' + r.state), 'state'); rb.appendChild(tr); }
  $('commit').disabled = c.valid === 0;
  $('commit').textContent = c.valid === 1 ? t('js.certifyOne') : t('js.certifyMany', { n: c.valid });
  say(c.invalid ? t('js.someProblems', { n: c.invalid }) : t('js.allReady'), c.invalid > 0);
};

$('upload-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const text = $('csv').value;
  if (!text.trim()) { say(t('js.empty'), true); return; }
  $('check').disabled = true;
  try {
    const res = await api('/batches?format=' + encodeURIComponent($('format').value), { method: 'POST', headers: { 'content-type': 'text/csv; charset=utf-8' }, body: text });
    if (!res.ok) { say(await problem(res), true); $('preview').hidden = true; return; }
    renderPreview(await res.json());
  } catch (e) { say(e.message, true); } finally { $('check').disabled = false; }
});

const follow = async (id) => {
  const res = await api('/batches/' + id + '/events');
  if (!res.ok || !res.body) throw new Error(await problem(res));
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let i;
    while ((i = buffer.indexOf('\\n\\n')) >= 0) {
      const block = buffer.slice(0, i); buffer = buffer.slice(i + 2);
      const data = block.split('\\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5)).join('\\n');
      if (data) progress(JSON.parse(data));
    }
  }
};
const progress = (s) => {
  const c = s.counts;
  const done = c.issued + c.failed;
  $('progress').max = Math.max(c.valid, 1); $('progress').value = done;
  $('progress-text').textContent = t('js.progress', { issued: c.issued, valid: c.valid }) + (c.failed ? t('js.progressFailed', { failed: c.failed }) : '') + (s.state === 'completed' ? t('js.done') : '…');
  if (s.state === 'completed') { $('download').hidden = false; say(c.failed ? t('js.finishedFailed', { n: c.failed }) : t('js.allCertified', { n: c.issued }), c.failed > 0); search(); }
};

$('commit').addEventListener('click', async () => {
  if (!batch) return;
  $('commit').disabled = true; $('preview').hidden = true; $('progress-box').hidden = false; $('download').hidden = true;
  batch.idempotencyKey = batch.idempotencyKey || ('centre-page-' + batch.id);
  try {
    const res = await api('/batches/' + batch.id + '/commit', { method: 'POST', headers: { 'idempotency-key': batch.idempotencyKey } });
    if (!res.ok) { say(await problem(res), true); return; }
    progress(await res.json());
    await follow(batch.id);
  } catch (e) { say(e.message + ' ' + t('js.goesOn'), true); }
});

$('download').addEventListener('click', async (ev) => {
  ev.preventDefault();
  if (!batch) return;
  say(t('js.preparing'));
  const res = await api('/batches/' + batch.id + '/result.zip');
  if (!res.ok) { say(await problem(res), true); return; }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a'); a.href = url; a.download = 'skillpass-batch-' + batch.id + '.zip'; document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  say(t('js.downloaded'));
});

const changeStatus = async (item, purpose, status) => {
  const what = !status ? 'reinstate' : purpose === 'revocation' ? 'revoke' : 'suspend';
  if (!confirm(t('js.confirm.' + what, { name: shownName(item.holderName), qualification: item.qualification }))) return;
  const res = await api('/credentials/status', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ credentialId: item.id, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: purpose }, status }) });
  say(res.ok ? t('js.done.' + (status ? (purpose === 'revocation' ? 'revoked' : 'suspended') : 'reinstated'), { name: shownName(item.holderName) }) : await problem(res), !res.ok);
  search();
};
// a new wallet offer for the worker (earlier ones void): its QR code (a blob: image, as the CSP allows), the PIN, the link
const walletOffer = async (item) => {
  const res = await api('/certificates/' + encodeURIComponent(item.id.replace(/^urn:uuid:/, '')) + '/wallet-offers', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (!res.ok) { say(await problem(res), true); return; }
  const offer = await res.json();
  const svg = atob(offer.qr.slice(offer.qr.indexOf(',') + 1));
  $('wallet-qr').src = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  $('wallet-name').textContent = shownName(item.holderName);
  $('wallet-pin').textContent = offer.pin;
  $('wallet-expires').textContent = offer.expiresAt.slice(0, 10);
  $('wallet-link').href = offer.page;
  $('wallet').hidden = false;
  say(t('js.walletReady', { name: shownName(item.holderName) }));
  $('wallet-h').scrollIntoView();
};
const button = (label, cls, fn) => { const b = document.createElement('button'); b.type = 'button'; b.textContent = label; if (cls) b.className = cls; b.addEventListener('click', fn); return b; };

// the worker's follow-up survey link, to print and hand to the worker only (never on a public page):
// the issuing centre alone obtains it (GET /certificates/:id/follow-up-survey)
async function surveyCard(item, row) {
  const res = await api('/certificates/' + encodeURIComponent(item.id.replace(/^urn:uuid:/, '')) + '/follow-up-survey');
  if (!res.ok) { say(await problem(res), true); return; }
  const { url, qr } = await res.json();
  const tr = document.createElement('tr'); const td = document.createElement('td'); td.colSpan = 5; td.setAttribute('data-survey-card', '');
  const note = document.createElement('p'); note.className = 'warn'; note.textContent = t('js.surveyNote');
  const a = document.createElement('a'); a.href = url; a.textContent = url;
  const img = document.createElement('img'); img.src = new URL(qr).pathname; img.width = 200; img.height = 200; img.alt = t('js.survey');
  const p = document.createElement('p'); p.appendChild(img);
  td.append(note, a, p); tr.appendChild(td); row.after(tr);
}
async function search() {
  const q = $('q').value.trim();
  const res = await api('/certificates?limit=100' + (q ? '&q=' + encodeURIComponent(q) : ''));
  if (!res.ok) { say(await problem(res), true); return; }
  const { items } = await res.json();
  const tb = $('certs-table').tBodies[0]; tb.innerHTML = '';
  for (const it of items) {
    const tr = document.createElement('tr');
    const name = cell(tr, '', 'name'); const a = document.createElement('a'); a.href = it.verifyUrl; const b = document.createElement('bdi'); b.textContent = it.holderName ? shownName(it.holderName) : it.id; a.appendChild(b); name.appendChild(a);
    cell(tr, it.qualification, 'qualification'); cell(tr, it.issuedAt.slice(0, 10), 'issued');
    const st = cell(tr, '', 'status'); const badge = document.createElement('span'); badge.className = 'badge ' + it.status; badge.textContent = t('js.status.' + it.status); st.appendChild(badge);
    const actions = cell(tr, '', 'actions');
    if (it.status === 'valid') { actions.append(button(t('js.walletOffer'), 'secondary', () => walletOffer(it).catch((e) => say(e.message, true))), button(t('js.suspend'), 'secondary', () => changeStatus(it, 'suspension', true)), button(t('js.revoke'), 'danger', () => changeStatus(it, 'revocation', true))); }
    if (it.status === 'valid') actions.append(button(t('js.survey'), 'secondary', () => surveyCard(it, tr).catch((e) => say(e.message, true))));
    if (it.status === 'suspended') { actions.append(button(t('js.reinstate'), 'secondary', () => changeStatus(it, 'suspension', false)), button(t('js.revoke'), 'danger', () => changeStatus(it, 'revocation', true))); }
    tb.appendChild(tr);
  }
  $('certs-table').querySelector('caption').textContent = q ? t('js.certCountMatching', { n: items.length, q }) : t('js.certCount', { n: items.length });
}
$('search-form').addEventListener('submit', (ev) => { ev.preventDefault(); search().catch((e) => say(e.message, true)); });

if (token()) { show(true); $('who-text').textContent = t('js.signedIn'); search().catch((e) => say(e.message, true)); } else show(false);
})();
`;
