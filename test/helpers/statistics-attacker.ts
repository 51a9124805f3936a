import { COUNT_MEASURES, type Dimension } from '../../src/domain/outcomes/statistics-cube.js';

/** A published table as GET /statistics sends it (rows, or a margin's rows). */
export interface PublishedTable {
  groupBy: Dimension[];
  rows: Record<string, unknown>[];
}

/** The tables of a GET /statistics answer (its rows and its margins), keys as text. */
export function publishedTables(answer: {
  groupBy: Dimension[];
  rows: object[];
  margins: { groupBy: Dimension[]; rows: object[] }[];
}): PublishedTable[] {
  return [{ groupBy: answer.groupBy, rows: answer.rows }, ...answer.margins].map((t) => ({
    groupBy: t.groupBy,
    rows: (t.rows as Record<string, unknown>[]).map((r) => {
      const key = r.key as Record<string, unknown>;
      return { ...r, key: Object.fromEntries(Object.entries(key).map(([k, v]) => [k, String(v)])) };
    }),
  }));
}

/**
 * The attacker: takes every table a caller can be sent (the full groupBy and all its margins,
 * as published JSON) and, for every line of every table and every measure, subtracts the
 * published cells from the published margin; whenever exactly one figure of an equation is
 * hidden it is recovered, fed back, and the search starts again.
 */
export function attack(tables: readonly PublishedTable[]) {
  const recovered: string[] = [];
  const known = new Map<string, number | null>();
  const id = (dims: Dimension[], k: Record<string, unknown>) =>
    `${dims.join(',')}|${dims.map((d) => String(k[d])).join('|')}`;
  for (const t of tables)
    for (const r of t.rows)
      for (const m of COUNT_MEASURES)
        known.set(`${m}:${id(t.groupBy, r.key as Record<string, unknown>)}`, r[m] as number | null);
  const byDims = new Map(tables.map((t) => [t.groupBy.join(','), t]));
  for (let progress = true; progress;) {
    progress = false;
    for (const t of tables)
      for (const d of t.groupBy) {
        const marginDims = t.groupBy.filter((x) => x !== d);
        if (!byDims.has(marginDims.join(','))) continue;
        const lines = new Map<string, Record<string, unknown>[]>();
        for (const r of t.rows) {
          const k = r.key as Record<string, unknown>;
          const line = id(marginDims, k);
          lines.set(line, [...(lines.get(line) ?? []), k]);
        }
        for (const [line, members] of lines)
          for (const m of COUNT_MEASURES) {
            const marginId = `${m}:${line}`;
            const memberIds = members.map((k) => `${m}:${id(t.groupBy, k)}`);
            const unknown = [marginId, ...memberIds].filter((x) => known.get(x) === null);
            if (unknown.length !== 1) continue;
            const sum = memberIds.reduce((a, x) => a + (known.get(x) ?? 0), 0);
            const value = unknown[0] === marginId ? sum : (known.get(marginId) as number) - sum;
            known.set(unknown[0]!, value);
            recovered.push(`${unknown[0]} = ${value}`);
            progress = true;
          }
      }
  }
  return recovered;
}
