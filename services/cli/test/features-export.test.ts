import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kline, SymbolId } from '@cryptosignal/domain';
import {
  computeFactorSeries,
  computeMarketSeries,
  FEATURE_COLUMNS,
  FEATURE_SPEC_VERSION,
} from '@cryptosignal/features';
import { parseKlines } from '@cryptosignal/marketdata';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, run } from './helpers.js';

const H = 3_600_000;
const FROM = Date.parse('2024-01-01T00:00:00Z');
const TO = Date.parse('2024-01-08T00:00:00Z');

async function klines(kind: string, symbol: string): Promise<Kline[]> {
  const out: Kline[] = [];
  for await (const row of parseKlines(join(REPO_ROOT, 'data/market', kind, `${symbol}.csv.gz`)))
    if (row.value) out.push(row.value);
  return out;
}

describe('cryptosignal features export', () => {
  it('writes one row per symbol-hour with the key columns, every feature and the plan labels as Arrow IPC', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'features-')), 'matrix.arrow');
    const args = [
      'features',
      'export',
      '--data',
      'data/market',
      '--out',
      out,
      '--symbols',
      'ETHUSDT,AAVEUSDT',
    ];
    const { code, err } = await run([...args, '--from', '2024-01-01', '--to', '2024-01-08']);
    expect(code).toBe(0);
    expect(err).toMatch(/^features export: 2 symbols, 336 rows, 27 features, 4 labels -> /);
    const table = tableFromIPC(readFileSync(out));
    const names = table.schema.fields.map((f) => f.name);
    expect(names.slice(0, 2)).toEqual(['symbol', 'open_time']);
    expect(names.filter((n) => n.startsWith('label_'))).toEqual([
      'label_return_1h',
      'label_max_gain_4h',
      'label_max_drawdown_4h',
      'label_direction_4h',
    ]);
    expect(table.schema.metadata.get('cryptosignal.feature_spec_version')).toBe(FEATURE_SPEC_VERSION);
    expect(JSON.parse(table.schema.metadata.get('cryptosignal.features') ?? '[]')).toHaveLength(
      FEATURE_COLUMNS.length,
    );
    expect(table.numRows).toBe(2 * 168);

    const eth = await klines('klines_1h', 'ETHUSDT');
    const market = computeMarketSeries({
      perp: await klines('klines_1h', 'BTCUSDT'),
      spot: await klines('klines_1h_spot', 'BTCUSDT'),
    });
    const snapshots = computeFactorSeries({
      symbol: 'ETHUSDT' as SymbolId,
      klines: eth.filter((k) => k.openTime < TO),
      market,
    });
    const rows = table.toArray().filter((r) => r.symbol === 'ETHUSDT');
    expect(rows.map((r) => Number(r.open_time))).toEqual(Array.from({ length: 168 }, (_, i) => FROM + i * H));
    const at = eth.findIndex((k) => k.openTime === FROM + 50 * H);
    const row = rows[50];
    const snap = snapshots[at];
    expect(row.T).toBe(snap?.T);
    expect(row.I).toBe(snap?.I);
    expect(row.market_regime).toBe(snap?.marketRegime);
    expect(row.rsi).toBe(snap?.extras.rsi);
    expect(row.O).toBeNull();
    const [c0, c1, c2, c3, c4] = [0, 1, 2, 3, 4].map((k) => eth[at + k] as Kline);
    expect(row.label_return_1h).toBe((c1!.close - c0!.close) / c0!.close);
    expect(row.label_max_gain_4h).toBe(
      (Math.max(c1!.high, c2!.high, c3!.high, c4!.high) - c0!.close) / c0!.close,
    );
    expect(row.label_max_drawdown_4h).toBe(
      (Math.min(c1!.low, c2!.low, c3!.low, c4!.low) - c0!.close) / c0!.close,
    );
    expect(row.label_direction_4h).toBe(c4!.close > c0!.close ? 1 : -1);
  }, 120_000);

  it('leaves the labels null where the future bars are missing (end of the data)', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'features-')), 'tail.arrow');
    const { code } = await run([
      'features',
      'export',
      '--out',
      out,
      '--symbols',
      'LTCUSDT',
      '--from',
      '2025-08-13T18:00:00Z',
    ]);
    expect(code).toBe(0);
    const rows = tableFromIPC(readFileSync(out)).toArray();
    expect(rows).toHaveLength(6);
    expect(rows.map((r) => r.label_return_1h === null)).toEqual([false, false, false, false, false, true]);
    expect(rows.map((r) => r.label_max_gain_4h === null)).toEqual([false, false, true, true, true, true]);
  }, 120_000);

  it('exits 2 naming a symbol without data, or an inverted range', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'features-')), 'x.arrow');
    const missing = await run(['features', 'export', '--out', out, '--symbols', 'NOPEUSDT']);
    expect(missing).toMatchObject({
      code: 2,
      err: 'cryptosignal: no perpetual 1h klines (klines_1h) for NOPEUSDT\n',
    });
    const inverted = await run([
      'features',
      'export',
      '--out',
      out,
      '--from',
      '2024-02-01',
      '--to',
      '2024-01-01',
    ]);
    expect(inverted).toMatchObject({ code: 2, err: 'cryptosignal: --from must be before --to\n' });
  });

  it('exits 2 on a window without rows, writing no file and leaving an earlier one as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'features-'));
    const out = join(dir, 'empty.arrow');
    const args = ['features', 'export', '--data', 'data/market', '--symbols', 'LTCUSDT', '--out', out];
    const window = ['--from', '2026-01-01', '--to', '2026-02-01'];
    const first = await run([...args, ...window]);
    expect(first.code).toBe(2);
    expect(first.err).toBe(
      'cryptosignal: features export: no rows in [2026-01-01T00:00:00.000Z, 2026-02-01T00:00:00.000Z) in ' +
        'data/market: their perpetual 1h bars open from 2023-03-21T00:00:00.000Z to 2025-08-13T23:00:00.000Z\n',
    );
    expect(readdirSync(dir)).toEqual([]);
    writeFileSync(out, 'an earlier export');
    expect((await run([...args, ...window])).code).toBe(2);
    expect(readdirSync(dir)).toEqual(['empty.arrow']);
    expect(readFileSync(out, 'utf8')).toBe('an earlier export');
  }, 120_000);
});
