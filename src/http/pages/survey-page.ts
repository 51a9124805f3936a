import { escapeHtml as e } from './html.js';
import type { Translator } from './i18n.js';
import { renderPage } from './layout.js';
import type { SurveyView } from '../../services/outcomes/worker-survey.js';
import type { SurveyField } from '../../domain/outcomes/worker-survey.js';

/**
 * The worker's follow-up survey, /t/:code (README "Placements and follow-ups"): four short
 * questions on one screen of a phone, a plain form POST (no script), the worker's language.
 * It shows nothing the employer reported, and nothing about the worker beyond the start day.
 */
export const SURVEY_CSS =
  'fieldset{border:1px solid #ccd;border-radius:.4rem;margin:.8rem 0;padding:.3rem .8rem .6rem}legend{font-weight:700;padding:0 .2rem}.choice{display:flex;flex-wrap:wrap;gap:.3rem 1.5rem}.choice label{display:inline-flex;align-items:center;gap:.5rem;min-height:44px;min-width:5rem}input[type=radio]{width:1.5rem;height:1.5rem;margin:0}.wage{display:flex;gap:.5rem;flex-wrap:wrap}.wage span{display:flex;flex-direction:column;flex:1 1 8rem}input[type=text],select{font:inherit;padding:.45rem;min-height:44px;width:100%;max-width:100%}form p{margin:.6rem 0}button{min-height:44px;width:100%;margin-top:.6rem}';

/** the currencies the wage question offers: the placement's first, then those of the region's corridors */
const CURRENCIES = ['THB', 'MYR', 'SGD', 'KHR', 'LAK', 'MMK', 'VND', 'USD'];

export interface SurveyForm {
  stillEmployed?: string;
  wageAmount?: string;
  wageCurrency?: string;
  roleOrGrade?: string;
  wouldRecommend?: string;
}

const page = (tr: Translator, code: string, title: string, body: string) =>
  renderPage({
    tr,
    title,
    body,
    switcherPath: `/t/${encodeURIComponent(code)}`,
    head: `<style>${SURVEY_CSS}</style>`,
  });

export function renderSurveyPage(
  tr: Translator,
  code: string,
  view: SurveyView,
  opts: { problem?: SurveyField; form?: SurveyForm } = {},
): string {
  if (view.state !== 'open') return renderSurveyNotOpen(tr, code, view.state);
  const t = (key: string, vars?: Record<string, string | number>) => e(tr.t(key, vars));
  const intro = `<p>${t('survey.intro', { date: tr.date(view.startDate) })}</p>`;
  const s = view.survey;
  if (s.state !== 'due') {
    const note = s.state === 'waiting' ? t('survey.waiting', { date: tr.date(s.next) }) : t('survey.done');
    return page(
      tr,
      code,
      tr.t('survey.title'),
      `<h1>${t('survey.title')}</h1>${opts.problem === 'month' ? `<p class="warn">${t('survey.problem.month')}</p>` : ''}<p data-survey="${s.state}">${note}</p>`,
    );
  }
  const f = opts.form ?? {};
  const yesNo = (name: string, legend: string) =>
    `<fieldset><legend>${legend}</legend><div class="choice">${['yes', 'no']
      .map(
        (v) =>
          `<label><input type="radio" name="${name}" value="${v}" required${f[name as keyof SurveyForm] === v ? ' checked' : ''}>${t(`survey.${v}`)}</label>`,
      )
      .join('')}</div></fieldset>`;
  const chosen = f.wageCurrency ?? view.currency;
  const currencies = [view.currency, ...CURRENCIES.filter((c) => c !== view.currency)];
  const problem = opts.problem
    ? `<p class="fail" role="alert" data-problem="${e(opts.problem)}">${t('survey.problem', { what: tr.t(`survey.problem.${opts.problem}`) })}</p>`
    : '';
  const body = `<h1>${t('survey.title')}</h1>${intro}
<h2 data-month="${s.mark.month}">${t('survey.mark', { n: s.mark.month })}</h2>${problem}
<form method="post" action="/t/${e(encodeURIComponent(code))}"><input type="hidden" name="lang" value="${e(tr.lang)}"><input type="hidden" name="month" value="${s.mark.month}">
${yesNo('stillEmployed', t('survey.employed'))}
<fieldset><legend>${t('survey.wage')}</legend><p class="muted" id="wage-hint">${t('survey.wageHint')}</p><div class="wage">
<span><label for="wageAmount">${t('survey.amount')}</label><input type="text" id="wageAmount" name="wageAmount" inputmode="decimal" autocomplete="off" maxlength="20" aria-describedby="wage-hint" value="${e(f.wageAmount ?? '')}"></span>
<span><label for="wageCurrency">${t('survey.currency')}</label><select id="wageCurrency" name="wageCurrency">${currencies
    .map((c) => `<option${c === chosen ? ' selected' : ''}>${e(c)}</option>`)
    .join('')}</select></span></div></fieldset>
<p><label for="roleOrGrade">${t('survey.role')}</label><input type="text" id="roleOrGrade" name="roleOrGrade" maxlength="100" autocomplete="off" value="${e(f.roleOrGrade ?? '')}"></p>
${yesNo('wouldRecommend', t('survey.recommend'))}
<button type="submit">${t('survey.send')}</button></form>`;
  return page(tr, code, tr.t('survey.title'), body);
}

/** After an answer: thanks, and when the next questions open (or that there are none). */
export function renderSurveyThanks(tr: Translator, code: string, view: SurveyView): string {
  if (view.state !== 'open') return renderSurveyNotOpen(tr, code, view.state);
  const s = view.survey;
  const next =
    s.state === 'waiting'
      ? e(tr.t('survey.waiting', { date: tr.date(s.next) }))
      : s.state === 'done'
        ? e(tr.t('survey.done'))
        : '';
  return page(
    tr,
    code,
    tr.t('survey.thanks.title'),
    `<h1>${e(tr.t('survey.thanks.title'))}</h1><p class="ok-note" data-survey="thanks">${e(tr.t('survey.thanks'))}</p>${next ? `<p>${next}</p>` : ''}`,
  );
}

/** An unknown (or mistyped) code: said plainly, with no hint whether any survey exists. */
export function renderSurveyUnknown(tr: Translator, code: string): string {
  return page(
    tr,
    code,
    tr.t('survey.unknown.title'),
    `<h1>${e(tr.t('survey.unknown.title'))}</h1><p class="fail" data-survey="unknown">${e(tr.t('survey.unknown'))}</p>`,
  );
}

/**
 * A known code with nothing to ask: no placement recorded yet (the code is given at
 * certification, before any job), or the survey closed (the certificate is revoked or suspended).
 */
export function renderSurveyNotOpen(tr: Translator, code: string, state: 'not-yet' | 'closed'): string {
  const key = state === 'closed' ? 'survey.closed' : 'survey.notYet';
  return page(
    tr,
    code,
    tr.t(`${key}.title`),
    `<h1>${e(tr.t(`${key}.title`))}</h1><p class="${state === 'closed' ? 'warn' : 'muted'}" data-survey="${state}">${e(tr.t(key))}</p>`,
  );
}
