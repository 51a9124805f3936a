/**
 * Programme statistics (issue 16, items 4 and 5; README "Programme statistics"): counts over a
 * cube of five dimensions, and the suppression that keeps every published figure from resting
 * on fewer than MIN_WORKERS workers. Pure: the counts come in as arguments.
 *
 * Every count is additive (README: a certificate checked in two quarters counts in each), so the
 * hub builds ONE lattice of tables from the finest cells, one table per subset of the dimensions
 * (2^5 = 32, the grand total included), and suppresses over all of them at once. Every answer
 * of GET /statistics is a read of that one protected lattice, so two answers (two groupBy lists,
 * a coarse one and a fine one) can be set against each other without recovering a hidden cell.
 *
 * The rules (Eurostat, "Handbook on Statistical Disclosure Control", 2010, ch. 4.2 and 4.3,
 * https://ec.europa.eu/eurostat/cros/system/files/SDC_Handbook.pdf; ONS, "Disclosure control
 * guidance for tables produced from administrative sources"):
 * 1. primary suppression: a cell (a total included) of 1 to MIN_WORKERS - 1 is withheld; 0 is
 *    published (nobody's data is in it);
 * 2. complementary suppression: every line of a table (the cells sharing all but one dimension)
 *    and the margin it adds up to (the cell of the table without that dimension) form one
 *    equation, margin = sum of cells. When exactly one of its members is withheld, subtraction
 *    gives it back, so one more is withheld: the smallest published non-zero cell of the line,
 *    or, when the line has none, its margin. Repeated until no equation has exactly one
 *    withheld member.
 * Each measure is suppressed on its own (they are separate tables of counts).
 */
export const MIN_WORKERS = 5;

export const DIMENSIONS = ['corridor', 'qualification', 'aqrfLevel', 'centre', 'quarter'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const COUNT_MEASURES = [
  'certified',
  'verified',
  'recognised',
  'recognisedWithConditions',
  'notRecognised',
  'recognitionIndeterminate',
  'placed',
  'followedUp6',
  'retained6',
  'followedUp12',
  'retained12',
] as const;
export type CountMeasure = (typeof COUNT_MEASURES)[number];

/** The finest cell: one value per dimension. */
export type FineKey = Record<Dimension, string>;

/** One count at the finest level, as the repository's GROUP BY gives it. */
export interface FineCount {
  key: FineKey;
  measure: CountMeasure;
  count: number;
}

/** A published count: the number, or null when withheld. */
export type Published = number | null;

export interface TableCell {
  key: Partial<Record<Dimension, string>>;
  values: Record<CountMeasure, Published>;
}

/** A set of dimensions as a bit mask over DIMENSIONS. */
export type Mask = number;
export const FULL_MASK: Mask = (1 << DIMENSIONS.length) - 1;
export const maskOf = (dims: readonly Dimension[]): Mask =>
  dims.reduce((m, d) => m | (1 << DIMENSIONS.indexOf(d)), 0);
const DIMS_OF: readonly Dimension[][] = Array.from({ length: FULL_MASK + 1 }, (_, mask) =>
  DIMENSIONS.filter((_, i) => mask & (1 << i)),
);
export const dimsOf = (mask: Mask): Dimension[] => [...DIMS_OF[mask]!];

/** One table of the lattice: its cells (keys and numeric codes) and their counts (one array per measure, by cell index). */
export interface LatticeTable {
  mask: Mask;
  keys: Partial<Record<Dimension, string>>[];
  /** a cell's code: the sum over its dimensions of (value number x the dimension's stride) */
  codes: number[];
  index: Map<number, number>;
  counts: Record<CountMeasure, number[]>;
}

/** The lattice: one table per mask (index = mask) and, per measure and table, what is withheld (1). */
export interface SuppressedLattice {
  tables: LatticeTable[];
  withheld: Record<CountMeasure, Uint8Array[]>;
}

const emptyCounts = (): Record<CountMeasure, number[]> =>
  Object.fromEntries(COUNT_MEASURES.map((m) => [m, [] as number[]])) as Record<CountMeasure, number[]>;

/**
 * Each dimension's values numbered in sorted order, and a stride per dimension, so a cell of any
 * table is one number (the sum of value number x stride over its dimensions) and dropping a
 * dimension is one subtraction. Sorted: the same data gives the same numbering, the same cell
 * order and so the same suppression, whatever order it came in.
 */
class Numbering {
  readonly values: string[][];
  private readonly ids: Map<string, number>[];
  private readonly strides: number[] = [];
  private readonly radix: number[] = [];

  constructor(fine: readonly FineCount[]) {
    this.values = DIMENSIONS.map((d) => [...new Set(fine.map((f) => f.key[d]))].sort());
    this.ids = this.values.map((vs) => new Map(vs.map((v, i) => [v, i])));
    let stride = 1;
    for (const vs of this.values) {
      this.strides.push(stride);
      this.radix.push(vs.length);
      stride *= vs.length;
    }
  }

  code(key: FineKey): number {
    return DIMENSIONS.reduce((sum, d, n) => sum + this.ids[n]!.get(key[d])! * this.strides[n]!, 0);
  }

  /** the code of the cell without dimension n (the finest code is kept for every table: dimensions not in a mask count as 0) */
  without(code: number, n: number): number {
    return code - (Math.floor(code / this.strides[n]!) % this.radix[n]!) * this.strides[n]!;
  }

  key(code: number, mask: Mask): Partial<Record<Dimension, string>> {
    const key: Partial<Record<Dimension, string>> = {};
    DIMENSIONS.forEach((d, n) => {
      if (mask & (1 << n)) key[d] = this.values[n]![Math.floor(code / this.strides[n]!) % this.radix[n]!];
    });
    return key;
  }
}

/** The finest table from the facts, then each coarser one from a table with one dimension more. */
function buildTables(fine: readonly FineCount[], numbers: Numbering): LatticeTable[] {
  const tables: LatticeTable[] = [];
  for (let mask = 0; mask <= FULL_MASK; mask++)
    tables.push({ mask, keys: [], codes: [], index: new Map(), counts: emptyCounts() });
  const add = (table: LatticeTable, code: number): number => {
    let i = table.index.get(code);
    if (i === undefined) {
      i = table.codes.length;
      table.codes.push(code);
      table.keys.push(numbers.key(code, table.mask));
      table.index.set(code, i);
      for (const m of COUNT_MEASURES) table.counts[m].push(0);
    }
    return i;
  };
  const full = tables[FULL_MASK]!;
  const coded = fine
    .filter((f) => f.count !== 0)
    .map((f) => ({ f, code: numbers.code(f.key) }))
    .sort((a, b) => a.code - b.code);
  for (const { f, code } of coded) full.counts[f.measure][add(full, code)]! += f.count;
  const byDimsDescending = [...tables.keys()].sort((a, b) => DIMS_OF[b]!.length - DIMS_OF[a]!.length);
  for (const mask of byDimsDescending) {
    if (mask === FULL_MASK) continue;
    const missing = DIMENSIONS.findIndex((_, i) => !(mask & (1 << i)));
    const parent = tables[mask | (1 << missing)]!;
    const table = tables[mask]!;
    parent.codes.forEach((code, p) => {
      const i = add(table, numbers.without(code, missing));
      for (const m of COUNT_MEASURES) table.counts[m][i]! += parent.counts[m][p]!;
    });
  }
  return tables;
}

/** One equation: the cells of a line (table `mask`, indexes `members`) add up to a margin cell. */
interface Line {
  mask: Mask;
  members: number[];
  marginMask: Mask;
  margin: number;
}

function linesOf(tables: readonly LatticeTable[], numbers: Numbering): Line[] {
  const lines: Line[] = [];
  for (const table of tables) {
    DIMENSIONS.forEach((_, n) => {
      if (!(table.mask & (1 << n))) return;
      const marginMask = table.mask & ~(1 << n);
      const margins = tables[marginMask]!;
      const byMargin = new Map<number, number[]>();
      table.codes.forEach((code, i) => {
        const margin = margins.index.get(numbers.without(code, n))!;
        const members = byMargin.get(margin);
        if (members) members.push(i);
        else byMargin.set(margin, [i]);
      });
      for (const [margin, members] of byMargin) lines.push({ mask: table.mask, members, marginMask, margin });
    });
  }
  return lines;
}

/**
 * Primary then complementary suppression of every measure over the whole lattice. A work list
 * of equations: each keeps how many of its members are withheld; withholding a cell revisits
 * only the equations it is in.
 */
export function suppressLattice(fine: readonly FineCount[], minWorkers = MIN_WORKERS): SuppressedLattice {
  const numbers = new Numbering(fine);
  const tables = buildTables(fine, numbers);
  const lines = linesOf(tables, numbers);
  // the equations each cell is in, as a member or as the margin
  const linesOfCell = tables.map((t) => t.keys.map(() => [] as number[]));
  lines.forEach((line, l) => {
    for (const i of line.members) linesOfCell[line.mask]![i]!.push(l);
    linesOfCell[line.marginMask]![line.margin]!.push(l);
  });
  const withheld = {} as Record<CountMeasure, Uint8Array[]>;
  for (const measure of COUNT_MEASURES) {
    const hidden = tables.map((t) => new Uint8Array(t.keys.length));
    const hiddenIn = new Int32Array(lines.length);
    const queued = new Uint8Array(lines.length);
    const queue: number[] = [];
    const hide = (mask: Mask, i: number) => {
      hidden[mask]![i] = 1;
      for (const l of linesOfCell[mask]![i]!) {
        hiddenIn[l]! += 1;
        if (hiddenIn[l] === 1 && !queued[l]) {
          queued[l] = 1;
          queue.push(l);
        }
      }
    };
    for (const t of tables)
      t.counts[measure].forEach((n, i) => {
        if (n > 0 && n < minWorkers) hide(t.mask, i);
      });
    while (queue.length > 0) {
      const l = queue.pop()!;
      queued[l] = 0;
      if (hiddenIn[l] !== 1) continue;
      const line = lines[l]!;
      const counts = tables[line.mask]!.counts[measure];
      const cells = hidden[line.mask]!;
      // the smallest published non-zero cell of the line (ties: the first), else the margin
      let pick = -1;
      for (const i of line.members)
        if (!cells[i] && counts[i]! > 0 && (pick < 0 || counts[i]! < counts[pick]!)) pick = i;
      if (pick >= 0) hide(line.mask, pick);
      else if (!hidden[line.marginMask]![line.margin]) hide(line.marginMask, line.margin);
      // else: the margin alone is withheld and every cell is a published 0, so it is 0 as well
    }
    withheld[measure] = hidden;
  }
  return { tables, withheld };
}

/** One table of the lattice as published: withheld counts are null. */
export function publishedTable(lattice: SuppressedLattice, dims: readonly Dimension[]): TableCell[] {
  const mask = maskOf(dims);
  const table = lattice.tables[mask]!;
  const cells = table.keys.map((key, i) => {
    const values = {} as Record<CountMeasure, Published>;
    for (const m of COUNT_MEASURES) values[m] = lattice.withheld[m][mask]![i] ? null : table.counts[m][i]!;
    return { key, values, code: table.codes[i]! };
  });
  return cells.sort((a, b) => a.code - b.code).map(({ key, values }): TableCell => ({ key, values }));
}
