/** One closed trade of `OUT/trades.csv` (DESIGN.md), shadow trades flagged. */
export interface TradeCsvRow {
  readonly signal_id: string;
  readonly symbol: string;
  readonly side: string;
  readonly strategy: string;
  readonly variant: string;
  readonly signal_time: string;
  readonly confidence: number;
  readonly p_calibrated: number;
  readonly ev_net: number;
  readonly tp: number;
  readonly sl: number;
  readonly expected_cost_bps: number;
  readonly actual_cost_bps: number;
  readonly outcome: string;
  readonly exit_reason: string;
  readonly hold_hours: number;
  readonly pnl_pct: number;
  readonly pnl_usdt: number;
  readonly funding_cost_bps: number;
  readonly funding_source: string;
  readonly total_cost_bps: number;
  readonly shadow: boolean;
  readonly gate_reason: string;
}

/** Column order of trades.csv. */
export const TRADE_CSV_COLUMNS: readonly (keyof TradeCsvRow)[] = [
  'signal_id',
  'symbol',
  'side',
  'strategy',
  'variant',
  'signal_time',
  'confidence',
  'p_calibrated',
  'ev_net',
  'tp',
  'sl',
  'expected_cost_bps',
  'actual_cost_bps',
  'outcome',
  'exit_reason',
  'hold_hours',
  'pnl_pct',
  'pnl_usdt',
  'funding_cost_bps',
  'funding_source',
  'total_cost_bps',
  'shadow',
  'gate_reason',
];

function cell(value: string | number | boolean): string {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Returns the CSV text (header + one line per row, RFC 4180 quoting, numbers at full precision). */
export function formatTradesCsv(rows: readonly TradeCsvRow[]): string {
  const lines = [TRADE_CSV_COLUMNS.join(',')];
  for (const row of rows) lines.push(TRADE_CSV_COLUMNS.map((c) => cell(row[c])).join(','));
  return `${lines.join('\n')}\n`;
}
