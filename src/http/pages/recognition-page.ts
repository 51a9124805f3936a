import { escapeHtml as e } from './html.js';
import { revealHidden } from '../../domain/hidden-characters.js';
import type { Translator } from './i18n.js';
import { renderPage } from './layout.js';
import type { RecognitionCheck } from '../../services/recognition/recognition-service.js';
import type { ConditionResult } from '../../domain/recognition/conditions.js';
import type { Decision } from '../../domain/recognition/decide.js';

/**
 * GET/POST /recognition: the recognition check for destination authorities. Plain HTML that
 * works without script (paste, choose, submit: the server answers with the decision); a few
 * lines of script (RECOGNITION_SCRIPT, served as a file) only load a file or read the QR code
 * in a photo (jsQR, served by this hub). In the five languages of data/i18n (en, th, km, lo, my);
 * the service's own messages (reasons, conditions) stay as the agreements word them.
 * With an authority token the decision is also signed as a recognition receipt, offered as a
 * file to save (the token is never echoed back into the page).
 */
export interface RecognitionForm {
  certificate?: string;
  destination?: string;
  intendedOccupation?: string;
  permitCategory?: string;
  yearsOfExperience?: string;
  salaryAmount?: string;
  salaryCurrency?: string;
}

export interface RecognitionPageModel {
  form: RecognitionForm;
  destinations: string[];
  permitCategories: { code: string; name: string }[];
  occupations: { code: string; title: string }[];
  result?: RecognitionCheck;
  error?: string;
  jsqrPath?: string;
  scriptPath: string;
}

const VERDICT_CSS: Record<Decision, { css: string; icon: string }> = {
  recognised: { css: 'ok', icon: '✓' },
  'recognised-with-conditions': { css: 'unsure', icon: '✓' },
  'not-recognised': { css: 'bad', icon: '✗' },
  indeterminate: { css: 'unsure', icon: '?' },
};

const conditionItem =
  (tr: Translator) =>
  (c: ConditionResult): string =>
    `<li class="${c.status === 'unmet' ? 'fail' : c.status === 'met' ? '' : 'warn'}">${e(c.message)}${c.deadline ? ` <strong>${e(tr.t('recognition.deadline', { date: c.deadline }))}</strong>` : ''} <small>(${e(c.code)})</small></li>`;

/** The signed receipt as a file to save: a data: link needs no script and no second request. */
function receiptLink(receipt: Record<string, unknown>, tr: Translator): string {
  const id = String(receipt.id ?? '').replace(/^urn:uuid:/, '');
  const name = `recognition-receipt-${id.replace(/[^A-Za-z0-9-]/g, '').slice(0, 64) || 'decision'}.json`;
  const href = `data:application/json;base64,${Buffer.from(`${JSON.stringify(receipt, null, 2)}\n`, 'utf8').toString('base64')}`;
  return `<p><a class="button" id="receipt-download" href="${e(href)}" download="${e(name)}">${e(tr.t('recognition.receiptDownload'))}</a></p>
<p class="muted">${e(tr.t('recognition.receiptNote'))}</p>`;
}

function renderResult(r: RecognitionCheck, tr: Translator): string {
  const v = VERDICT_CSS[r.decision];
  const c = r.certificate;
  const facts: [string, string][] = [];
  if (c?.holderName) {
    // made visible and isolated, as on the verification page (../../domain/hidden-characters.ts)
    const name = revealHidden(c.holderName);
    facts.push([
      tr.t('field.worker'),
      `<bdi>${e(name.text)}</bdi>${name.hidden ? `<br><strong class="warn" data-warning="hidden-characters">${e(tr.t('name.hidden'))}</strong>` : ''}`,
    ]);
  }
  if (c?.holderNameLatin) {
    const latin = revealHidden(c.holderNameLatin);
    facts.push([
      tr.t('field.workerLatin'),
      `<bdi data-field="worker-latin" lang="und-Latn">${e(latin.text)}</bdi>`,
    ]);
  }
  if (c?.qualification) {
    facts.push([
      tr.t('recognition.fact.certificate'),
      `${e(c.qualification)}${c.aqrfLevel !== undefined ? `, ${e(tr.t('field.aqrf'))} ${e(c.aqrfLevel)}` : ''}${c.isco08 ? `, ISCO-08 ${e(c.isco08)}` : ''}` +
        `${c.originCountry ? `; ${e(tr.t('recognition.fact.certifiedIn', { country: tr.countryName(c.originCountry) }))}` : ''}${c.assessmentLanguage ? `, ${e(tr.t('recognition.fact.assessedIn', { language: tr.languageName(c.assessmentLanguage) }))}` : ''}`,
    ]);
  }
  facts.push([
    tr.t('recognition.fact.verification'),
    `${e(tr.t(`verdict.${r.verification.outcome}`))} (${e(r.verification.verifiedAt)})`,
  ]);
  facts.push([
    tr.t('recognition.fact.destination'),
    `${e(tr.countryName(r.query.destination))} (${e(r.query.destination)})${r.query.intendedOccupation ? `, ${e(tr.t('recognition.fact.forOccupation', { code: r.query.intendedOccupation }))}` : ''}${r.query.permitCategory ? `, ${e(tr.t('recognition.fact.forPermit', { code: r.query.permitCategory }))}` : ''}`,
  ]);
  if (r.agreement) {
    facts.push([
      tr.t('recognition.fact.agreement'),
      `${e(r.agreement.title)} <small>(${e(r.agreement.id)} v${e(r.agreement.version)}; ${e(r.agreement.reference)})</small>${r.agreement.illustrative ? ` <strong>${e(tr.t('recognition.fact.illustrative'))}</strong>` : ''}`,
    ]);
  }
  if (r.choice) facts.push([tr.t('recognition.fact.why'), e(r.choice.message)]);
  if (r.equivalent?.qualification || r.equivalent?.level !== undefined) {
    facts.push([
      tr.t('recognition.fact.countsAs'),
      [
        r.equivalent.qualification ? e(r.equivalent.qualification) : '',
        r.equivalent.level !== undefined
          ? e(
              tr.t('recognition.fact.level', {
                framework: r.equivalent.framework ?? '',
                n: r.equivalent.level,
              }),
            )
          : '',
      ]
        .filter(Boolean)
        .join(', '),
    ]);
  }
  if (r.equivalent?.description) facts.push([tr.t('recognition.fact.gives'), e(r.equivalent.description)]);
  if (r.permitCategory)
    facts.push([tr.t('recognition.permit'), `${e(r.permitCategory.name)} (${e(r.permitCategory.code)})`]);

  const item = conditionItem(tr);
  const considered = r.agreements
    .map(
      (
        a,
      ) => `<details><summary>${e(a.agreement.title)}: <strong>${e(tr.t(`recognition.outcome.${a.outcome}`))}</strong></summary>
<ul>${a.reasons.map((x) => `<li>${e(x.message)} <small>(${e(x.code)})</small></li>`).join('')}${a.conditions.map(item).join('')}</ul></details>`,
    )
    .join('');
  const checks = r.verification.checks
    .map(
      (x) =>
        `<li${x.outcome === 'invalid' ? ' class="fail"' : x.outcome === 'indeterminate' ? ' class="warn"' : ''}>${e(x.id)}: ${e(tr.has(`recognition.check.${x.outcome}`) ? tr.t(`recognition.check.${x.outcome}`) : x.outcome)}${x.message ? ` – ${e(x.message)}` : ''}</li>`,
    )
    .join('');
  // tabindex=-1: the page's script moves the focus here after a submission, for keyboard and screen-reader users
  return `<section id="result" aria-labelledby="verdict-title" tabindex="-1">
<div class="verdict ${v.css}" role="status"><span class="icon" aria-hidden="true">${v.icon}</span><h2 id="verdict-title">${e(tr.t(`recognition.decision.${r.decision}`))}</h2><p>${e(r.message)}</p></div>
${r.receipt ? receiptLink(r.receipt, tr) : ''}
<dl>${facts.map(([k, x]) => `<dt>${e(k)}</dt><dd>${x}</dd>`).join('')}</dl>
${r.conditions.toMeet.length ? `<h2>${e(tr.t('recognition.conditionsToMeet'))}</h2><ul>${r.conditions.toMeet.map(item).join('')}</ul>` : ''}
${r.conditions.met.length ? `<h2>${e(tr.t('recognition.conditionsMet'))}</h2><ul>${r.conditions.met.map(item).join('')}</ul>` : ''}
${r.agreements.length ? `<h2>${e(tr.t('recognition.agreements'))}</h2>${considered}` : ''}
<h2>${e(tr.t('recognition.checks'))}</h2><ul>${checks}</ul>
<p class="note">${e(tr.t('recognition.decidedOn', { date: r.checkedOn }))}${r.receipt ? '' : ` ${e(tr.t('recognition.receiptApi'))}`}</p>
</section>`;
}

/** The page's only script (served as a file: the page's Content-Security-Policy allows no inline script). Its texts come from the page (data-* attributes), in the page's language. */
export const RECOGNITION_SCRIPT = `(function () {
  'use strict';
  // after a submission the decision is first on the page: move the focus to it, so a screen reader reads it
  var result = document.getElementById('result');
  if (result && result.focus) result.focus();
  var file = document.getElementById('file'), area = document.getElementById('certificate'), status = document.getElementById('file-status');
  if (!file || !window.FileReader) return;
  var say = function (key, extra) { status.textContent = (status.getAttribute('data-' + key) || '') + (extra || ''); };
  document.getElementById('file-row').hidden = false;
  file.addEventListener('change', function () {
    var f = file.files && file.files[0];
    if (!f) return;
    if (/^image\\//.test(f.type)) {
      var decode = window.jsQR && (window.jsQR.default || window.jsQR);
      if (!decode) { say('no-reader'); return; }
      var url = URL.createObjectURL(f), img = new Image();
      img.onload = function () {
        var scale = Math.min(1, 1600 / Math.max(img.width, img.height)), c = document.createElement('canvas');
        c.width = Math.round(img.width * scale); c.height = Math.round(img.height * scale);
        var g = c.getContext('2d'); g.drawImage(img, 0, 0, c.width, c.height);
        var found = decode(g.getImageData(0, 0, c.width, c.height).data, c.width, c.height);
        URL.revokeObjectURL(url);
        if (found && found.data) { area.value = found.data; say('read'); } else { say('none'); }
      };
      img.src = url;
    } else {
      var reader = new FileReader();
      reader.onload = function () { area.value = String(reader.result).trim(); say('loaded', ' ' + f.name); };
      reader.readAsText(f);
    }
  });
})();`;

export const RECOGNITION_CSS =
  'form p{margin:.6rem 0}input,select{font:inherit;padding:.4rem;max-width:100%}select,input[type=text],input[type=password]{width:100%}fieldset{border:1px solid #ccd;border-radius:.4rem;margin:.8rem 0;padding:.2rem .8rem}.row{display:flex;gap:.5rem;flex-wrap:wrap}.row input{flex:1 1 8rem}details{margin:.3rem 0}summary{cursor:pointer}code{font-size:.9em}#result:focus{outline:none}a.button{display:inline-block;text-decoration:none;min-height:44px}.bar nav a{display:inline-block;min-width:24px;min-height:24px;text-align:center}button{min-height:44px}';

/**
 * The decision comes first (right under the title) when there is one, then the form to check
 * another: on a phone the answer is on the first screen, not below the form.
 */
export function renderRecognitionPage(m: RecognitionPageModel, tr: Translator): string {
  const f = m.form;
  const t = (key: string) => e(tr.t(key));
  const option = (value: string, label: string, selected: boolean) =>
    `<option value="${e(value)}"${selected ? ' selected' : ''}>${e(label)}</option>`;
  const form = `<form method="post" action="/recognition"><input type="hidden" name="lang" value="${e(tr.lang)}">
<p><label for="certificate"><strong>${t('recognition.certificate')}</strong></label><br><small id="certificate-hint">${t('recognition.certificateHint')}</small><br>
<textarea id="certificate" name="certificate" rows="5" required aria-describedby="certificate-hint">${e(f.certificate ?? '')}</textarea></p>
<p id="file-row" hidden><label for="file">${t('recognition.file')}</label><br><input type="file" id="file" accept=".json,.jwt,.txt,application/json,text/plain,image/*"> <span id="file-status" role="status" aria-live="polite" data-no-reader="${t('recognition.script.noQrReader')}" data-read="${t('recognition.script.qrRead')}" data-none="${t('recognition.script.noQr')}" data-loaded="${t('recognition.script.fileLoaded')}"></span></p>
<p><label for="destination"><strong>${t('recognition.destination')}</strong></label><br><select id="destination" name="destination" required>
${m.destinations.map((d) => option(d, `${tr.countryName(d)} (${d})`, d === f.destination)).join('')}</select></p>
<fieldset><legend>${t('recognition.purpose')}</legend>
<p><label for="intendedOccupation">${t('recognition.occupation')}</label><br><input type="text" id="intendedOccupation" name="intendedOccupation" inputmode="numeric" pattern="[0-9]{4}" list="occupations" value="${e(f.intendedOccupation ?? '')}">
<datalist id="occupations">${m.occupations.map((o) => `<option value="${e(o.code)}">${e(o.title)}</option>`).join('')}</datalist></p>
<p><label for="permitCategory">${t('recognition.permit')}</label><br><select id="permitCategory" name="permitCategory">${option('', tr.t('recognition.anyPermit'), !f.permitCategory)}
${m.permitCategories.map((p) => option(p.code, `${p.name} (${p.code})`, p.code === f.permitCategory)).join('')}</select></p>
</fieldset>
<fieldset><legend>${t('recognition.facts')}</legend>
<p><label for="yearsOfExperience">${t('recognition.years')}</label><br><input type="number" id="yearsOfExperience" name="yearsOfExperience" min="0" max="70" step="0.5" inputmode="decimal" value="${e(f.yearsOfExperience ?? '')}"></p>
<p><label for="salaryAmount">${t('recognition.salary')}</label><span class="row"><input type="number" id="salaryAmount" name="salaryAmount" min="0" step="any" inputmode="decimal" aria-label="${t('recognition.amount')}" value="${e(f.salaryAmount ?? '')}">
<input type="text" id="salaryCurrency" name="salaryCurrency" maxlength="3" pattern="[A-Za-z]{3}" placeholder="SGD" aria-label="${t('recognition.currency')}" value="${e(f.salaryCurrency ?? '')}"></span></p>
</fieldset>
<fieldset><legend>${t('recognition.receiptLegend')}</legend>
<p><label for="token">${t('recognition.token')}</label><br><input type="password" id="token" name="token" autocomplete="off" aria-describedby="token-hint"><br><small id="token-hint">${t('recognition.tokenHint')}</small></p>
</fieldset>
<p><button type="submit">${t('recognition.submit')}</button></p>
</form>`;
  const body = `<h1>${t('recognition.title')}</h1>
${m.error ? `<p class="fail" role="alert">${e(m.error)}</p>` : ''}
${m.result ? `${renderResult(m.result, tr)}\n<h2>${t('recognition.again')}</h2>` : `<p>${t('recognition.intro')}</p>`}
${form}
${m.jsqrPath ? `<script src="${e(m.jsqrPath)}" defer></script>` : ''}<script src="${e(m.scriptPath)}" defer></script>`;
  return renderPage({
    tr,
    title: tr.t('recognition.title'),
    body,
    switcherPath: '/recognition',
    head: `<style>${RECOGNITION_CSS}</style>`,
  });
}
