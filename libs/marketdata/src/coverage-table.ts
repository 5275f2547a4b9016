import type { CoverageEntry, CoverageReport } from './coverage.js';

const COLUMNS = [
  'SYMBOL',
  'KIND',
  'FIRST (UTC)',
  'LAST (UTC)',
  'ROWS',
  'RANGES',
  'GAPS',
  'MISSING',
  'ERRORS',
];

/** Returns `2023-03-24 12:00` for `2023-03-24T12:00:00.000Z`, keeping seconds/ms only when they are not zero. */
function shortTime(iso: string | undefined): string {
  if (iso === undefined) return '-';
  return iso
    .replace('T', ' ')
    .replace(/(:00)?\.000Z$/, '')
    .replace(/Z$/, '');
}

function gapSummary(entry: CoverageEntry): string {
  if (entry.gaps.length === 0) return '-';
  const known = entry.gaps.filter((g) => g.known !== undefined).length;
  return known === entry.gaps.length ? `${entry.gaps.length} known` : `${entry.gaps.length} (${known} known)`;
}

function row(entry: CoverageEntry): string[] {
  const missing = entry.gaps.reduce((n, g) => n + g.missing, 0);
  return [
    entry.symbol,
    entry.kind,
    shortTime(entry.first),
    shortTime(entry.last),
    String(entry.rows),
    String(entry.ranges.length),
    gapSummary(entry),
    missing === 0 ? '-' : String(missing),
    String(entry.errors),
  ];
}

/**
 * Renders a coverage report as a plain-text table: one line per symbol and kind (first and last point,
 * rows, covered ranges, gaps, missing points, errors), each gap on an indented line below its file, and a
 * totals line. Times are UTC.
 */
export function formatCoverageTable(report: CoverageReport): string {
  const rows = report.entries.map(row);
  const widths = COLUMNS.map((title, i) => Math.max(title.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i >= 4 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(COLUMNS)];
  report.entries.forEach((entry, i) => {
    out.push(line(rows[i]!));
    for (const gap of entry.gaps) {
      const why = gap.known ? `known: ${gap.known}` : 'NOT in known-gaps';
      out.push(
        `    gap ${shortTime(gap.from)} -> ${shortTime(gap.to)}: ${gap.missing} missing ${gap.unit} (${why})`,
      );
    }
  });
  out.push(
    `${report.files} files, ${report.symbols.length} symbols, ${report.rows} rows, ${report.errors} errors (data: ${report.dir})`,
  );
  return `${out.join('\n')}\n`;
}
