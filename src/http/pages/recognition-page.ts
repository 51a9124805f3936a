import { escapeHtml as e } from './html.js';
import { revealHidden } from '../../domain/hidden-characters.js';
import type { Translator } from './i18n.js';
import { renderPage } from './layout.js';
import type { RecognitionCheck } from '../../services/recognition/recognition-service.js';
import type { ConditionResult } from '../../domain/recognition/conditions.js';
import type { AgreementOutcome, Decision } from '../../domain/recognition/decide.js';

/**
 * GET/POST /recognition: the recognition check for destination authorities. Plain HTML that
 * works without script (paste, choose, submit: the server answers with the decision); a few
 * lines of script (RECOGNITION_SCRIPT, served as a file) only load a file or read the QR code
 * in a photo (jsQR, served by this hub).
 * English only for now: the texts are an authority's working language, not the worker's.
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

const VERDICT: Record<Decision, { css: string; icon: string; title: string }> = {
  recognised: { css: 'ok', icon: '✓', title: 'Recognised' },
  'recognised-with-conditions': { css: 'unsure', icon: '✓', title: 'Recognised, with conditions' },
  'not-recognised': { css: 'bad', icon: '✗', title: 'Not recognised' },
  indeterminate: { css: 'unsure', icon: '?', title: 'Cannot decide yet' },
};
const OUTCOME: Record<AgreementOutcome, string> = {
  recognised: 'recognises it',
  'recognised-with-conditions': 'recognises it with conditions',
  'not-recognised': 'applies, conditions not met',
  'not-applicable': 'does not apply',
};
const CHECK: Record<string, string> = {
  valid: 'passed',
  invalid: 'failed',
  indeterminate: 'could not confirm',
  skipped: 'skipped',
};

const conditionItem = (c: ConditionResult): string =>
  `<li class="${c.status === 'unmet' ? 'fail' : c.status === 'met' ? '' : 'warn'}">${e(c.message)}${c.deadline ? ` <strong>Deadline: ${e(c.deadline)}.</strong>` : ''} <small>(${e(c.code)})</small></li>`;

function renderResult(r: RecognitionCheck, tr: Translator): string {
  const v = VERDICT[r.decision];
  const c = r.certificate;
  const facts: [string, string][] = [];
  if (c?.holderName) {
    // made visible and isolated, as on the verification page (../../domain/hidden-characters.ts)
    const name = revealHidden(c.holderName);
    facts.push([
      'Worker',
      `<bdi>${e(name.text)}</bdi>${name.hidden ? `<br><strong class="warn" data-warning="hidden-characters">${e(tr.t('name.hidden'))}</strong>` : ''}`,
    ]);
  }
  if (c?.qualification) {
    facts.push([
      'Certificate',
      `${e(c.qualification)}${c.aqrfLevel !== undefined ? `, AQRF level ${e(c.aqrfLevel)}` : ''}${c.isco08 ? `, ISCO-08 ${e(c.isco08)}` : ''}` +
        `${c.originCountry ? `; certified in ${e(tr.countryName(c.originCountry))}` : ''}${c.assessmentLanguage ? `, assessed in ${e(tr.languageName(c.assessmentLanguage))}` : ''}`,
    ]);
  }
  facts.push(['Verification', `${e(r.verification.outcome)} (${e(r.verification.verifiedAt)})`]);
  facts.push([
    'Destination',
    `${e(tr.countryName(r.query.destination))} (${e(r.query.destination)})${r.query.intendedOccupation ? `, for ISCO-08 ${e(r.query.intendedOccupation)}` : ''}${r.query.permitCategory ? `, for the permit ${e(r.query.permitCategory)}` : ''}`,
  ]);
  if (r.agreement) {
    facts.push([
      'Agreement relied on',
      `${e(r.agreement.title)} <small>(${e(r.agreement.id)} v${e(r.agreement.version)}; ${e(r.agreement.reference)})</small>${r.agreement.illustrative ? ' <strong>Illustrative demo data.</strong>' : ''}`,
    ]);
  }
  if (r.choice) facts.push(['Why this agreement', e(r.choice.message)]);
  if (r.equivalent?.qualification || r.equivalent?.level !== undefined) {
    facts.push([
      'Counts as',
      [
        r.equivalent.qualification ? e(r.equivalent.qualification) : '',
        r.equivalent.level !== undefined ? `${e(r.equivalent.framework)} level ${e(r.equivalent.level)}` : '',
      ]
        .filter(Boolean)
        .join(', '),
    ]);
  }
  if (r.equivalent?.description) facts.push(['Recognition gives', e(r.equivalent.description)]);
  if (r.permitCategory)
    facts.push(['Permit category', `${e(r.permitCategory.name)} (${e(r.permitCategory.code)})`]);

  const considered = r.agreements
    .map(
      (a) => `<details><summary>${e(a.agreement.title)}: <strong>${e(OUTCOME[a.outcome])}</strong></summary>
<ul>${a.reasons.map((x) => `<li>${e(x.message)} <small>(${e(x.code)})</small></li>`).join('')}${a.conditions.map(conditionItem).join('')}</ul></details>`,
    )
    .join('');
  const checks = r.verification.checks
    .map(
      (x) =>
        `<li${x.outcome === 'invalid' ? ' class="fail"' : x.outcome === 'indeterminate' ? ' class="warn"' : ''}>${e(x.id)}: ${e(CHECK[x.outcome] ?? x.outcome)}${x.message ? ` – ${e(x.message)}` : ''}</li>`,
    )
    .join('');
  return `<section id="result" aria-labelledby="verdict-title">
<div class="verdict ${v.css}" role="status"><span class="icon" aria-hidden="true">${v.icon}</span><h2 id="verdict-title">${e(v.title)}</h2><p>${e(r.message)}</p></div>
<dl>${facts.map(([k, x]) => `<dt>${e(k)}</dt><dd>${x}</dd>`).join('')}</dl>
${r.conditions.toMeet.length ? `<h2>Conditions still to meet</h2><ul>${r.conditions.toMeet.map(conditionItem).join('')}</ul>` : ''}
${r.conditions.met.length ? `<h2>Conditions already met</h2><ul>${r.conditions.met.map(conditionItem).join('')}</ul>` : ''}
${r.agreements.length ? `<h2>Agreements considered</h2>${considered}` : ''}
<h2>Verification checks</h2><ul>${checks}</ul>
<p class="note">Decided on ${e(r.checkedOn)} from the agreements recorded on this hub. A signed copy of the decision (a recognition receipt) is issued through the API with an authority token: <code>POST /recognition/check</code> with <code>"issueReceipt": true</code>.</p>
</section>`;
}

/** The page's only script (served as a file: the page's Content-Security-Policy allows no inline script). */
export const RECOGNITION_SCRIPT = `(function () {
  'use strict';
  var file = document.getElementById('file'), area = document.getElementById('certificate'), status = document.getElementById('file-status');
  if (!file || !window.FileReader) return;
  document.getElementById('file-row').hidden = false;
  file.addEventListener('change', function () {
    var f = file.files && file.files[0];
    if (!f) return;
    if (/^image\\//.test(f.type)) {
      var decode = window.jsQR && (window.jsQR.default || window.jsQR);
      if (!decode) { status.textContent = 'Reading QR codes is not available in this browser: paste the text instead.'; return; }
      var url = URL.createObjectURL(f), img = new Image();
      img.onload = function () {
        var scale = Math.min(1, 1600 / Math.max(img.width, img.height)), c = document.createElement('canvas');
        c.width = Math.round(img.width * scale); c.height = Math.round(img.height * scale);
        var g = c.getContext('2d'); g.drawImage(img, 0, 0, c.width, c.height);
        var found = decode(g.getImageData(0, 0, c.width, c.height).data, c.width, c.height);
        URL.revokeObjectURL(url);
        if (found && found.data) { area.value = found.data; status.textContent = 'QR code read.'; } else { status.textContent = 'No QR code found in this photo.'; }
      };
      img.src = url;
    } else {
      var reader = new FileReader();
      reader.onload = function () { area.value = String(reader.result).trim(); status.textContent = 'File loaded: ' + f.name; };
      reader.readAsText(f);
    }
  });
})();`;

export const RECOGNITION_CSS =
  'form p{margin:.6rem 0}input,select{font:inherit;padding:.4rem;max-width:100%}select,input[type=text]{width:100%}fieldset{border:1px solid #ccd;border-radius:.4rem;margin:.8rem 0;padding:.2rem .8rem}.row{display:flex;gap:.5rem;flex-wrap:wrap}.row input{flex:1 1 8rem}details{margin:.3rem 0}summary{cursor:pointer}code{font-size:.9em}';

export function renderRecognitionPage(m: RecognitionPageModel, tr: Translator): string {
  const f = m.form;
  const option = (value: string, label: string, selected: boolean) =>
    `<option value="${e(value)}"${selected ? ' selected' : ''}>${e(label)}</option>`;
  const body = `<h1>Recognition check</h1>
<p>For destination authorities: is this certificate recognised in your country, for this job or permit, and on what conditions? The certificate is verified first; a certificate that fails verification is never recognised.</p>
${m.error ? `<p class="fail" role="alert">${e(m.error)}</p>` : ''}
<form method="post" action="/recognition">
<p><label for="certificate"><strong>Certificate</strong></label><br><small>Paste the credential (JSON), its JWT, the text of its QR code, or its verification link.</small><br>
<textarea id="certificate" name="certificate" rows="5" required>${e(f.certificate ?? '')}</textarea></p>
<p id="file-row" hidden><label for="file">… or open a file, or a photo of the QR code</label><br><input type="file" id="file" accept=".json,.jwt,.txt,application/json,text/plain,image/*"> <span id="file-status" role="status" aria-live="polite"></span></p>
<p><label for="destination"><strong>Destination country</strong></label><br><select id="destination" name="destination" required>
${m.destinations.map((d) => option(d, `${tr.countryName(d)} (${d})`, d === f.destination)).join('')}</select></p>
<fieldset><legend>Purpose (optional)</legend>
<p><label for="intendedOccupation">Intended occupation (ISCO-08 code)</label><br><input type="text" id="intendedOccupation" name="intendedOccupation" inputmode="numeric" pattern="[0-9]{4}" list="occupations" value="${e(f.intendedOccupation ?? '')}">
<datalist id="occupations">${m.occupations.map((o) => `<option value="${e(o.code)}">${e(o.title)}</option>`).join('')}</datalist></p>
<p><label for="permitCategory">Permit category</label><br><select id="permitCategory" name="permitCategory">${option('', 'Any', !f.permitCategory)}
${m.permitCategories.map((p) => option(p.code, `${p.name} (${p.code})`, p.code === f.permitCategory)).join('')}</select></p>
</fieldset>
<fieldset><legend>Facts you hold (optional)</legend>
<p><label for="yearsOfExperience">Years of experience</label><br><input type="number" id="yearsOfExperience" name="yearsOfExperience" min="0" max="70" step="0.5" inputmode="decimal" value="${e(f.yearsOfExperience ?? '')}"></p>
<p><label for="salaryAmount">Offered monthly salary</label><span class="row"><input type="number" id="salaryAmount" name="salaryAmount" min="0" step="any" inputmode="decimal" aria-label="Amount" value="${e(f.salaryAmount ?? '')}">
<input type="text" id="salaryCurrency" name="salaryCurrency" maxlength="3" pattern="[A-Za-z]{3}" placeholder="SGD" aria-label="Currency (ISO 4217)" value="${e(f.salaryCurrency ?? '')}"></span></p>
</fieldset>
<p><button type="submit">Check recognition</button></p>
</form>
${m.result ? renderResult(m.result, tr) : ''}
${m.jsqrPath ? `<script src="${e(m.jsqrPath)}" defer></script>` : ''}<script src="${e(m.scriptPath)}" defer></script>`;
  return renderPage({ tr, title: 'Recognition check', body, head: `<style>${RECOGNITION_CSS}</style>` });
}
