import { BATCH_COLUMNS } from '../../domain/batch-rows.js';
import { REVEAL_SCRIPT } from './reveal-script.js';

/**
 * GET /centre: the testing centre's desk, for staff with little IT help. Sign in with the
 * centre token (kept in sessionStorage, gone when the tab closes), upload a cohort file or
 * paste it, see the preview with every problem by row and column, fix the text and check
 * again, certify with a progress bar, download the results; list, search, revoke, suspend and
 * reinstate issued certificates. Plain HTML and a small vanilla script (GET /centre.js): no
 * framework, no inline script, works with the keyboard and a screen reader (labels, live
 * regions, table captions). English only for now.
 */
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const CENTRE_CSS = `*{box-sizing:border-box}html{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Khmer","Noto Sans Thai","Noto Sans Lao","Noto Sans Myanmar",Arial,sans-serif;color:#111;background:#fff}
body{margin:0}header{padding:.5rem 1rem;background:#0b4ea2;color:#fff;display:flex;justify-content:space-between;align-items:center;flex-wrap:wrap;gap:.5rem}
header h1{font-size:1.2rem;margin:0}main{max-width:60rem;margin:0 auto;padding:1rem}section{margin:0 0 2rem}
h2{font-size:1.15rem;border-bottom:2px solid #dde;padding-bottom:.2rem}label{display:block;font-weight:600;margin:.6rem 0 .2rem}
input[type=text],input[type=password],input[type=search],select{font:inherit;padding:.45rem;border:1px solid #889;border-radius:.3rem;min-width:16rem;max-width:100%}
textarea{width:100%;min-height:10rem;font:13px/1.4 ui-monospace,monospace;border:1px solid #889;border-radius:.3rem;padding:.4rem}
button{font:inherit;padding:.5rem .9rem;border-radius:.3rem;border:2px solid #0b4ea2;background:#0b4ea2;color:#fff;cursor:pointer;margin:.3rem .3rem .3rem 0}
button.secondary{background:#fff;color:#0b4ea2}button.danger{background:#a4161a;border-color:#a4161a}button:disabled{opacity:.5;cursor:not-allowed}
a{color:#0b4ea2}:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.95rem}caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border:1px solid #ccd;padding:.3rem .45rem;text-align:left;vertical-align:top}th{background:#f1f3f5}
tr.invalid td,tr.failed td{background:#fdf0f0}tr.issued td{background:#effaf2}
.status{padding:.5rem .8rem;border-left:6px solid #0b4ea2;background:#eef4fc;margin:.5rem 0}.status.error{border-color:#a4161a;background:#fdf0f0}
.counts{display:flex;gap:1.5rem;flex-wrap:wrap;font-size:1.05rem}.counts b{font-size:1.3rem}progress{width:100%;height:1.4rem}
.hint{color:#444;font-size:.9rem}[hidden]{display:none!important}.badge{padding:0 .4rem;border-radius:.3rem;font-size:.85rem;color:#fff}
.badge.valid{background:#0a6b2e}.badge.revoked{background:#a4161a}.badge.suspended{background:#7a5200}.badge.expired{background:#555}`;

export function renderCentrePage(scriptPath: string): string {
  const columns = BATCH_COLUMNS.map(
    (c) =>
      `<tr><th scope="row"><code>${esc(c.name)}</code></th><td>${c.required ? 'yes' : 'no'}</td><td>${esc(c.description)}</td><td><code>${esc(c.example)}</code></td></tr>`,
  ).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>SkillPass – testing centre</title><style>${CENTRE_CSS}</style><script src="${esc(scriptPath)}" defer></script></head>
<body><header><h1>SkillPass · testing centre</h1><div id="who" hidden><span id="who-text"></span> <button type="button" class="secondary" id="sign-out">Sign out</button></div></header>
<main>
<div id="status" class="status" role="status" aria-live="polite" hidden></div>
<section id="sign-in" aria-labelledby="sign-in-h"><h2 id="sign-in-h">Sign in</h2>
<form id="sign-in-form"><label for="token">Centre token</label><input type="password" id="token" name="token" autocomplete="off" required aria-describedby="token-hint">
<p class="hint" id="token-hint">The token your hub administrator gave the centre (it starts with <code>sp_issuer_</code>). It is kept in this browser tab only.</p>
<button type="submit">Sign in</button></form></section>

<div id="desk" hidden>
<section id="cohort" aria-labelledby="cohort-h"><h2 id="cohort-h">Certify a cohort</h2>
<p>1. Fill in the <a href="/batches/template.csv">cohort template (CSV)</a>, one worker a row. 2. Choose the file or paste it below and check it: nothing is signed yet. 3. Fix any problems and check again. 4. Certify.</p>
<details><summary>The columns</summary><table><caption>Cohort columns</caption><thead><tr><th scope="col">column</th><th scope="col">required</th><th scope="col">meaning</th><th scope="col">example</th></tr></thead><tbody>${columns}</tbody></table></details>
<form id="upload-form">
<label for="file">Cohort file (CSV, UTF-8 or UTF-16)</label><input type="file" id="file" accept=".csv,text/csv">
<label for="csv">Cohort as text (you can correct it here)</label><textarea id="csv" spellcheck="false" aria-describedby="csv-hint"></textarea>
<p class="hint" id="csv-hint">Separated by commas, semicolons or tabs; the first row names the columns.</p>
<label for="format">Credential format</label><select id="format"><option value="di">Data Integrity (JSON)</option><option value="vc+jwt">VC-JOSE (JWT)</option></select>
<div><button type="submit" id="check">Check the cohort</button></div></form>
<div id="preview" hidden>
<div class="counts" id="preview-counts"></div>
<table id="errors-table" hidden><caption>Problems to fix (nothing on these rows will be certified)</caption><thead><tr><th scope="col">row</th><th scope="col">column</th><th scope="col">problem</th></tr></thead><tbody></tbody></table>
<table id="rows-table"><caption>Workers in this cohort</caption><thead><tr><th scope="col">row</th><th scope="col">name</th><th scope="col">qualification</th><th scope="col">state</th></tr></thead><tbody></tbody></table>
<button type="button" id="commit">Certify the valid rows</button>
</div>
<div id="progress-box" hidden><label for="progress">Certifying</label><progress id="progress" max="1" value="0"></progress><p id="progress-text" aria-live="polite"></p>
<p><a id="download" href="#" hidden>Download the results (ZIP: credentials, QR codes, PDFs, index.csv)</a></p></div>
</section>

<section id="certificates" aria-labelledby="certs-h"><h2 id="certs-h">Issued certificates</h2>
<form id="search-form" role="search"><label for="q">Search by name, document number, qualification or certificate id</label><input type="search" id="q" name="q"> <button type="submit">Search</button></form>
<table id="certs-table"><caption>Certificates (newest first)</caption><thead><tr><th scope="col">name</th><th scope="col">qualification</th><th scope="col">issued</th><th scope="col">status</th><th scope="col">actions</th></tr></thead><tbody></tbody></table>
</section>
</div>
</main></body></html>`;
}

/** The page's script, served as GET /centre.js (no inline script). */
export const CENTRE_SCRIPT = `(() => {
'use strict';
const $ = (id) => document.getElementById(id);
const KEY = 'skillpass.centreToken';
let batch = null;
const token = () => sessionStorage.getItem(KEY);
const say = (text, error) => { const s = $('status'); s.hidden = !text; s.textContent = text || ''; s.classList.toggle('error', !!error); };
const api = async (path, init = {}) => {
  const headers = Object.assign({ authorization: 'Bearer ' + token() }, init.headers || {});
  const res = await fetch(path, Object.assign({}, init, { headers }));
  if (res.status === 401) { signOut(); throw new Error('The token is unknown, expired or revoked: sign in again.'); }
  return res;
};
const problem = async (res) => { try { const p = await res.json(); return p.detail || p.title || ('HTTP ' + res.status); } catch (e) { return 'HTTP ' + res.status; } };
const cell = (tr, text) => { const td = document.createElement('td'); td.textContent = text == null ? '' : String(text); tr.appendChild(td); return td; };
// a worker's name with any invisible or direction-changing character shown as ⟨U+202E⟩ (./reveal-script.ts)
${REVEAL_SCRIPT}
const shownName = (name) => revealHidden(name || '').text;
const nameCell = (tr, name) => { const td = cell(tr, ''); const b = document.createElement('bdi'); b.textContent = shownName(name); td.appendChild(b); return td; };
const show = (signedIn) => { $('sign-in').hidden = signedIn; $('desk').hidden = !signedIn; $('who').hidden = !signedIn; };
function signOut() { sessionStorage.removeItem(KEY); show(false); say('Signed out.'); }

$('sign-in-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  sessionStorage.setItem(KEY, $('token').value.trim());
  $('token').value = '';
  try {
    const res = await api('/batches');
    if (!res.ok) { sessionStorage.removeItem(KEY); show(false); say(await problem(res), true); return; }
    show(true); say('Signed in.'); $('who-text').textContent = 'Signed in'; search();
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
  } catch (e) { say('The file is not UTF-8 or UTF-16 text: save it as "CSV UTF-8" and choose it again.', true); return; }
  $('csv').value = text.replace(/^\\uFEFF/, '');
  say('File loaded: ' + f.name + '. Check it when ready.');
});

const renderPreview = (p) => {
  batch = p;
  $('preview').hidden = false; $('progress-box').hidden = true;
  const c = p.counts;
  $('preview-counts').innerHTML = '';
  for (const [label, n] of [['rows', c.total], ['will be certified', c.valid], ['with problems', c.invalid]]) {
    const span = document.createElement('span'); const b = document.createElement('b'); b.textContent = n; span.append(b, ' ' + label); $('preview-counts').appendChild(span);
  }
  const eb = $('errors-table').tBodies[0]; eb.innerHTML = '';
  for (const e of p.errors) { const tr = document.createElement('tr'); cell(tr, e.row); cell(tr, e.column); cell(tr, e.message); eb.appendChild(tr); }
  $('errors-table').hidden = p.errors.length === 0;
  const rb = $('rows-table').tBodies[0]; rb.innerHTML = '';
  for (const r of p.rows) { const tr = document.createElement('tr'); tr.className = r.state; cell(tr, r.row); nameCell(tr, r.holderName); cell(tr, r.qualification); cell(tr, r.state === 'pending' ? 'ready' : r.state); rb.appendChild(tr); }
  $('commit').disabled = c.valid === 0;
  $('commit').textContent = 'Certify ' + c.valid + ' worker' + (c.valid === 1 ? '' : 's');
  say(c.invalid ? c.invalid + ' row(s) have problems: fix them in the text above and check again, or certify the valid rows only.' : 'Every row is ready to certify.', c.invalid > 0);
};

$('upload-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const text = $('csv').value;
  if (!text.trim()) { say('Choose a file or paste the cohort first.', true); return; }
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
  $('progress-text').textContent = c.issued + ' of ' + c.valid + ' certified' + (c.failed ? ', ' + c.failed + ' failed' : '') + (s.state === 'completed' ? '. Done.' : '…');
  if (s.state === 'completed') { $('download').hidden = false; say(c.failed ? 'Finished, but ' + c.failed + ' row(s) failed: see index.csv in the results.' : 'All ' + c.issued + ' workers are certified.', c.failed > 0); search(); }
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
  } catch (e) { say(e.message + ' The certification goes on at the hub; reload to see it.', true); }
});

$('download').addEventListener('click', async (ev) => {
  ev.preventDefault();
  if (!batch) return;
  say('Preparing the ZIP…');
  const res = await api('/batches/' + batch.id + '/result.zip');
  if (!res.ok) { say(await problem(res), true); return; }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a'); a.href = url; a.download = 'skillpass-batch-' + batch.id + '.zip'; document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  say('The ZIP is downloaded.');
});

const changeStatus = async (item, purpose, status) => {
  const what = !status ? 'reinstate' : purpose === 'revocation' ? 'REVOKE (final)' : 'suspend';
  if (!confirm('Do you want to ' + what + ' the certificate of ' + shownName(item.holderName) + ' (' + item.qualification + ')?')) return;
  const res = await api('/credentials/status', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ credentialId: item.id, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: purpose }, status }) });
  say(res.ok ? 'Done: the certificate of ' + shownName(item.holderName) + ' is ' + (status ? (purpose === 'revocation' ? 'revoked' : 'suspended') : 'reinstated') + '.' : await problem(res), !res.ok);
  search();
};
const button = (label, cls, fn) => { const b = document.createElement('button'); b.type = 'button'; b.textContent = label; if (cls) b.className = cls; b.addEventListener('click', fn); return b; };

async function search() {
  const q = $('q').value.trim();
  const res = await api('/certificates?limit=100' + (q ? '&q=' + encodeURIComponent(q) : ''));
  if (!res.ok) { say(await problem(res), true); return; }
  const { items } = await res.json();
  const tb = $('certs-table').tBodies[0]; tb.innerHTML = '';
  for (const it of items) {
    const tr = document.createElement('tr');
    const name = cell(tr, ''); const a = document.createElement('a'); a.href = it.verifyUrl; const b = document.createElement('bdi'); b.textContent = it.holderName ? shownName(it.holderName) : it.id; a.appendChild(b); name.appendChild(a);
    cell(tr, it.qualification); cell(tr, it.issuedAt.slice(0, 10));
    const st = cell(tr, ''); const badge = document.createElement('span'); badge.className = 'badge ' + it.status; badge.textContent = it.status; st.appendChild(badge);
    const actions = cell(tr, '');
    if (it.status === 'valid') { actions.append(button('Suspend', 'secondary', () => changeStatus(it, 'suspension', true)), button('Revoke', 'danger', () => changeStatus(it, 'revocation', true))); }
    if (it.status === 'suspended') { actions.append(button('Reinstate', 'secondary', () => changeStatus(it, 'suspension', false)), button('Revoke', 'danger', () => changeStatus(it, 'revocation', true))); }
    tb.appendChild(tr);
  }
  $('certs-table').querySelector('caption').textContent = items.length + ' certificate(s)' + (q ? ' matching "' + q + '"' : '') + ', newest first';
}
$('search-form').addEventListener('submit', (ev) => { ev.preventDefault(); search().catch((e) => say(e.message, true)); });

if (token()) { show(true); $('who-text').textContent = 'Signed in'; search().catch((e) => say(e.message, true)); } else show(false);
})();
`;
