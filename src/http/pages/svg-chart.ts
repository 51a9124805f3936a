import { escapeHtml as e } from './html.js';

/**
 * Grouped bar charts as inline SVG, drawn on the server: the programme dashboard prints, works
 * without script and loads nothing (the page's CSP allows no script at all). Colours are SVG
 * presentation attributes, which the pages' CSP does not treat as inline style.
 *
 * A cell the statistics suppressed (fewer than 5 workers behind it) is `null`: it is drawn as
 * an outlined, empty slot marked "<5"-style by the caller's `suppressedLabel`, never as a bar
 * whose height would reveal it. Every chart carries its numbers as a table too (WCAG 2.2
 * 1.1.1: a chart's information in text), which the page may show or print.
 */
export interface ChartSeries {
  label: string;
  /** one value per group; null = suppressed */
  values: readonly (number | null)[];
}

export interface BarChartSpec {
  /** an id unique in the page (for aria-labelledby) */
  id: string;
  title: string;
  /** groups along the x axis, e.g. quarters or corridors */
  groups: readonly string[];
  series: readonly ChartSeries[];
  /** formats an axis tick or a value label, e.g. a percentage or a money amount */
  format?: (value: number) => string;
  suppressedLabel: string;
  emptyLabel: string;
}

/** Fills with at least 3:1 contrast against white (WCAG 1.4.11) and distinct in greyscale print. */
export const SERIES_FILLS = ['#1f5fa8', '#c2571a', '#2e7d32', '#6a3d9a'] as const;

const WIDTH = 640;
const HEIGHT = 280;
const PAD = { top: 16, right: 12, bottom: 60, left: 64 };

/** Axis ticks at 1, 2 or 5 times a power of ten, from 0 to at least `max` (four or five steps). */
export function niceTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  const ticks: number[] = [];
  for (let t = 0; t < max + step; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

const plain = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(1));

export function barChart(spec: BarChartSpec): string {
  const format = spec.format ?? plain;
  const values = spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const titleId = `${spec.id}-title`;
  if (spec.groups.length === 0 || spec.series.length === 0) {
    return `<figure class="chart" id="${e(spec.id)}"><figcaption id="${e(titleId)}">${e(spec.title)}</figcaption><p class="muted" data-chart-empty>${e(spec.emptyLabel)}</p></figure>`;
  }
  const ticks = niceTicks(Math.max(0, ...values));
  const top = ticks[ticks.length - 1]!;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const y = (v: number): number => PAD.top + plotH - (v / top) * plotH;
  const groupW = plotW / spec.groups.length;
  const barW = Math.max(2, (groupW * 0.8) / spec.series.length);
  const parts: string[] = [];
  for (const t of ticks) {
    parts.push(
      `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#d0d4da" stroke-width="1"/>`,
      `<text x="${PAD.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end" font-size="15" fill="#333">${e(format(t))}</text>`,
    );
  }
  spec.groups.forEach((group, g) => {
    const x0 = PAD.left + g * groupW + groupW * 0.1;
    spec.series.forEach((s, i) => {
      const v = s.values[g] ?? null;
      const x = (x0 + i * barW).toFixed(1);
      const label = `${group}, ${s.label}: ${v === null ? spec.suppressedLabel : format(v)}`;
      if (v === null) {
        parts.push(
          `<rect x="${x}" y="${(y(0) - 14).toFixed(1)}" width="${(barW - 1).toFixed(1)}" height="14" fill="none" stroke="#767676" stroke-dasharray="2 2" data-suppressed><title>${e(label)}</title></rect>`,
        );
      } else {
        const h = y(0) - y(v);
        parts.push(
          `<rect x="${x}" y="${y(v).toFixed(1)}" width="${(barW - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="${SERIES_FILLS[i % SERIES_FILLS.length]}" data-value="${v}"><title>${e(label)}</title></rect>`,
        );
      }
    });
    parts.push(
      `<text x="${(x0 + (barW * spec.series.length) / 2).toFixed(1)}" y="${HEIGHT - PAD.bottom + 20}" text-anchor="middle" font-size="15" fill="#333">${e(group)}</text>`,
    );
  });
  parts.push(
    `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}" stroke="#333" stroke-width="1"/>`,
  );
  const slot = (WIDTH - PAD.left) / spec.series.length;
  const legend = spec.series
    .map(
      (s, i) =>
        `<rect x="${(PAD.left + i * slot).toFixed(1)}" y="${HEIGHT - 18}" width="12" height="12" fill="${SERIES_FILLS[i % SERIES_FILLS.length]}"/><text x="${(PAD.left + i * slot + 16).toFixed(1)}" y="${HEIGHT - 7}" font-size="15" fill="#333">${e(s.label)}</text>`,
    )
    .join('');
  return `<figure class="chart" id="${e(spec.id)}">
<figcaption id="${e(titleId)}">${e(spec.title)}</figcaption>
<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-labelledby="${e(titleId)}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}${legend}</svg>
${chartTable(spec, format)}
</figure>`;
}

/** The chart's numbers as a table (the text alternative), suppressed cells written out. */
function chartTable(spec: BarChartSpec, format: (v: number) => string): string {
  const head = `<tr><th scope="col"></th>${spec.series.map((s) => `<th scope="col">${e(s.label)}</th>`).join('')}</tr>`;
  const rows = spec.groups
    .map(
      (group, g) =>
        `<tr><th scope="row">${e(group)}</th>${spec.series
          .map((s) => {
            const v = s.values[g] ?? null;
            return `<td>${e(v === null ? spec.suppressedLabel : format(v))}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('');
  return `<table class="chart-data"><caption>${e(spec.title)}</caption><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}
