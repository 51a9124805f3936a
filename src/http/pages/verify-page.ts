import type { VerificationResult } from '../../domain/verification-result.js';
import { escapeHtml as e } from './html.js';

/**
 * The page a phone opens when it scans a certificate's QR code: a large verdict, then
 * the facts in plain words. Server-rendered, no script, a few KB.
 */
const VERDICT = {
  valid: { title: 'Valid certificate', css: 'ok', advice: 'The signature, the testing centre\'s accreditation and the dates all check out.' },
  invalid: { title: 'Not valid', css: 'bad', advice: 'Do not rely on this certificate. Ask the worker for the original, or contact the testing centre.' },
  indeterminate: { title: 'Cannot confirm', css: 'unsure', advice: 'This could not be checked just now. Try again later; this does not mean it is forged.' },
} as const;

export function renderVerifyPage(result: VerificationResult): string {
  const v = VERDICT[result.outcome];
  const c = result.credential;
  const row = (label: string, value: unknown) => (value === undefined || value === '' ? '' : `<tr><th scope="row">${e(label)}</th><td>${e(value)}</td></tr>`);
  const failed = result.checks.filter((x) => x.outcome === 'invalid' || x.outcome === 'indeterminate');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(v.title)} – SkillPass</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#111}main{max-width:36rem;margin:auto;padding:1rem}
.verdict{padding:1.25rem;border-radius:.5rem;font-size:1.75rem;font-weight:700;color:#fff}.ok{background:#0a6b2e}.bad{background:#a4161a}.unsure{background:#7a5200}
table{border-collapse:collapse;width:100%}th{text-align:left;padding:.35rem .5rem .35rem 0;vertical-align:top;width:40%}td{padding:.35rem 0}</style></head>
<body><main><h1 class="verdict ${v.css}" data-outcome="${e(result.outcome)}">${e(v.title)}</h1><p>${e(v.advice)}</p>
${failed.length ? `<h2>What failed</h2><ul>${failed.map((x) => `<li data-check="${e(x.id)}">${e(x.message ?? x.code)}</li>`).join('')}</ul>` : ''}
${c ? `<h2>Certificate</h2><table>${row('Worker', c.holderName)}${row('Qualification', c.qualificationTitle)}${row('Code', c.qualification)}${row('AQRF level', c.aqrfLevel)}${row('Testing centre', c.issuerName ?? c.issuer)}${row('Assessed on', c.assessmentDate)}${row('Assessment language', c.assessmentLanguage)}${row('Valid from', c.validFrom?.slice(0, 10))}${row('Valid until', c.validUntil?.slice(0, 10))}</table>` : ''}
<p><small>Checked ${e(result.verifiedAt)}.</small></p></main></body></html>`;
}
