import { escapeHtml as e } from './html.js';
import type { Translator } from './i18n.js';
import { renderPage } from './layout.js';
import { barChart } from './svg-chart.js';
import type { ProgrammeStatistics, StatisticsRow } from '../../services/outcomes/statistics.js';
import type { ProgrammeDashboard } from '../../services/outcomes/programme-dashboard.js';

/**
 * GET/POST /programme: the programme dashboard (issue 16, item 6). The analyst posts a
 * programme (or admin) token; the page answers with the programme's figures drawn as SVG on
 * the server: certified and placed workers by quarter per corridor, median wages at placement
 * and at follow-up, retention at 6 and 12 months, costs per worker. No script; it prints.
 * Every figure comes from programmeStatistics (src/services/outcomes/statistics.ts), so the
 * page shows only what GET /statistics would: a withheld cell (fewer than 5 workers) is
 * written "fewer than 5", never drawn to scale. The token is never put back into the page.
 */
export interface ProgrammePageModel {
  form: { from?: string; to?: string };
  dashboard?: ProgrammeDashboard;
  error?: string;
}

export const PROGRAMME_CSS = `main:has(.dashboard){max-width:64rem}
.programme-form{display:grid;gap:.5rem;max-width:30rem}.programme-form input{font:inherit;padding:.4rem;width:100%}
.programme-form .window{display:flex;gap:.75rem}.programme-form .window label{flex:1}
.figures{border-collapse:collapse;width:100%;font-size:.9rem;margin:.4rem 0}.figures th,.figures td{border-bottom:1px solid #d0d4da;padding:.25rem .4rem;text-align:right}
.figures th:first-child,.figures td:first-child{text-align:left}.figures thead th{vertical-align:bottom}
.chart{margin:1rem 0;break-inside:avoid}.chart figcaption{font-weight:700;margin-bottom:.3rem}
.chart-data{border-collapse:collapse;font-size:.8rem;margin-top:.3rem}.chart-data caption{text-align:left;color:#444}
.chart-data th,.chart-data td{padding:.1rem .5rem;border-bottom:1px solid #e3e5e8;text-align:right}.chart-data th[scope=row]{text-align:left}
.withheld{color:#444;font-style:italic}
@media print{.programme-form{display:none}main:has(.dashboard){max-width:none}.chart svg{max-height:9cm}}`;

const count = (n: number | null | undefined, tr: Translator): string =>
  n === null || n === undefined
    ? `<span class="withheld">${e(tr.t('programme.suppressed'))}</span>`
    : e(n.toLocaleString('en-US'));
const percent = (r: number | null, tr: Translator): string =>
  r === null ? `<span class="withheld">${e(tr.t('programme.suppressed'))}</span>` : `${Math.round(r * 100)}%`;
const corridorName = (c: string | undefined): string => (c ?? '').replace('-', ' → ');

function summaryTable(rows: readonly StatisticsRow[], tr: Translator): string {
  if (rows.length === 0) return `<p class="muted">${e(tr.t('programme.empty'))}</p>`;
  const head = [
    'corridor',
    'certified',
    'verified',
    'placed',
    'placementRate',
    'retained6',
    'retained12',
  ].map((k) => `<th scope="col">${e(tr.t(`programme.col.${k}`))}</th>`);
  const body = rows.map(
    (r) =>
      `<tr><th scope="row">${e(corridorName(r.key.corridor))}</th><td>${count(r.certified, tr)}</td><td>${count(r.verified, tr)}</td><td>${count(r.placed, tr)}</td><td>${percent(r.placementRate, tr)}</td><td>${percent(r.retentionRate6, tr)}</td><td>${percent(r.retentionRate12, tr)}</td></tr>`,
  );
  return `<table class="figures" id="summary"><thead><tr>${head.join('')}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}

/** One chart per corridor: certified and placed workers by quarter. */
function quarterCharts(stats: ProgrammeStatistics, tr: Translator): string {
  const corridors = [...new Set(stats.rows.map((r) => r.key.corridor ?? ''))].sort();
  if (corridors.length === 0) return `<p class="muted">${e(tr.t('programme.empty'))}</p>`;
  return corridors
    .map((corridor, i) => {
      const rows = stats.rows
        .filter((r) => r.key.corridor === corridor)
        .sort((a, b) => ((a.key.quarter ?? '') < (b.key.quarter ?? '') ? -1 : 1));
      return barChart({
        id: `placed-${i}`,
        title: tr.t('programme.chart.placed', { corridor: corridorName(corridor) }),
        groups: rows.map((r) => r.key.quarter ?? ''),
        series: [
          { label: tr.t('programme.series.certified'), values: rows.map((r) => r.certified) },
          { label: tr.t('programme.series.placed'), values: rows.map((r) => r.placed) },
        ],
        format: (v) => v.toLocaleString('en-US'),
        suppressedLabel: tr.t('programme.suppressed'),
        emptyLabel: tr.t('programme.empty'),
      });
    })
    .join('\n');
}

/** Median wages per corridor and currency (never converted: no exchange rate the hub could defend). */
function wageChart(stats: ProgrammeStatistics, tr: Translator): string {
  const groups = stats.rows.flatMap((r) =>
    r.wages.map((w) => ({ label: `${corridorName(r.key.corridor)} (${w.currency})`, wage: w })),
  );
  return barChart({
    id: 'wages',
    title: tr.t('programme.chart.wages'),
    groups: groups.map((g) => g.label),
    series: [
      { label: tr.t('programme.series.atPlacement'), values: groups.map((g) => g.wage.medianAtPlacement) },
      { label: tr.t('programme.series.atFollowUp'), values: groups.map((g) => g.wage.medianAtFollowUp) },
    ],
    format: (v) => v.toLocaleString('en-US'),
    suppressedLabel: tr.t('programme.suppressed'),
    emptyLabel: tr.t('programme.empty'),
  });
}

function retentionChart(stats: ProgrammeStatistics, tr: Translator): string {
  const rows = stats.rows;
  const pct = (r: number | null) => (r === null ? null : Math.round(r * 100));
  return barChart({
    id: 'retention',
    title: tr.t('programme.chart.retention'),
    groups: rows.map((r) => corridorName(r.key.corridor)),
    series: [
      { label: tr.t('programme.series.retained6'), values: rows.map((r) => pct(r.retentionRate6)) },
      { label: tr.t('programme.series.retained12'), values: rows.map((r) => pct(r.retentionRate12)) },
    ],
    format: (v) => `${v}%`,
    suppressedLabel: tr.t('programme.suppressed'),
    emptyLabel: tr.t('programme.empty'),
  });
}

function costsTable(stats: ProgrammeStatistics, tr: Translator): string {
  if (stats.costs.length === 0) return `<p class="muted">${e(tr.t('programme.costs.none'))}</p>`;
  const money = (n: number | null, currency: string) =>
    n === null
      ? `<span class="withheld">${e(tr.t('programme.suppressed'))}</span>`
      : `${e(n.toLocaleString('en-US', { maximumFractionDigits: 2 }))} ${e(currency)}`;
  const head = ['quarter', 'amount', 'perCertified', 'perPlaced']
    .map((k) => `<th scope="col">${e(tr.t(`programme.col.${k}`))}</th>`)
    .join('');
  const body = stats.costs
    .map(
      (c) =>
        `<tr><th scope="row">${e(c.quarter)}</th><td>${money(c.amount, c.currency)}</td><td>${money(c.perCertified, c.currency)}</td><td>${money(c.perPlaced, c.currency)}</td></tr>`,
    )
    .join('');
  return `<table class="figures" id="costs"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function renderDashboard(d: ProgrammeDashboard, tr: Translator): string {
  const scope =
    d.byCorridor.corridors === 'all'
      ? tr.t('programme.scope.all')
      : tr.t('programme.scope.corridors', { corridors: d.byCorridor.corridors.map(corridorName).join(', ') });
  const window =
    d.byCorridor.from || d.byCorridor.to
      ? ` · ${e(d.byCorridor.from ?? '…')} – ${e(d.byCorridor.to ?? '…')}`
      : '';
  return `<section class="dashboard" aria-labelledby="dashboard-title">
<h2 id="dashboard-title">${e(d.programme ?? tr.t('programme.allProgrammes'))}</h2>
<p class="muted">${e(scope)}${window}</p>
<h2>${e(tr.t('programme.summary'))}</h2>
${summaryTable(d.byCorridor.rows, tr)}
<h2>${e(tr.t('programme.section.placed'))}</h2>
${quarterCharts(d.byQuarter, tr)}
<h2>${e(tr.t('programme.section.wages'))}</h2>
${wageChart(d.byCorridor, tr)}
<h2>${e(tr.t('programme.section.retention'))}</h2>
${retentionChart(d.byCorridor, tr)}
<h2>${e(tr.t('programme.costs'))}</h2>
${costsTable(d.byCorridor, tr)}
<p class="note">${e(tr.t('programme.suppressionNote', { min: String(d.byCorridor.minWorkers) }))} ${e(tr.t('programme.csvNote'))}</p>
</section>`;
}

export function renderProgrammePage(model: ProgrammePageModel, tr: Translator): string {
  const error = model.error ? `<p class="fail" role="alert">${e(model.error)}</p>` : '';
  const form = `<form class="programme-form" method="post" action="/programme">
<input type="hidden" name="lang" value="${e(tr.lang)}">
<label>${e(tr.t('programme.token'))}<input type="password" name="token" autocomplete="off" required></label>
<small>${e(tr.t('programme.tokenHint'))}</small>
<div class="window"><label>${e(tr.t('programme.from'))}<input name="from" placeholder="2026-Q1" value="${e(model.form.from ?? '')}" pattern="[0-9]{4}-Q[1-4]"></label>
<label>${e(tr.t('programme.to'))}<input name="to" placeholder="2026-Q4" value="${e(model.form.to ?? '')}" pattern="[0-9]{4}-Q[1-4]"></label></div>
<button type="submit">${e(tr.t('programme.submit'))}</button>
</form>`;
  const body = `<h1>${e(tr.t('programme.title'))}</h1>
<p>${e(tr.t('programme.intro'))}</p>
${error}${form}
${model.dashboard ? renderDashboard(model.dashboard, tr) : ''}`;
  return renderPage({
    tr,
    title: tr.t('programme.title'),
    body,
    switcherPath: '/programme',
    head: `<style>${PROGRAMME_CSS}</style>`,
  });
}
