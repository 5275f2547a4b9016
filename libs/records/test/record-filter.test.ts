import { describe, expect, it } from 'vitest';
import { filterCondition, limitClause } from '../src/record-filter.js';
import { RowReader } from '../src/row-reader.js';

describe('filterCondition', () => {
  it('matches everything when empty', () => {
    expect(filterCondition({})).toEqual({ where: 'true', params: [] });
  });

  it('numbers parameters in order and keeps values out of the SQL text', () => {
    const { where, params } = filterCondition({
      signalTime: { fromMs: Date.UTC(2025, 0, 1), beforeMs: Date.UTC(2025, 1, 1) },
      closedAt: { atOrBeforeMs: Date.UTC(2025, 1, 15) },
      symbols: ["BTCUSDT'; DROP TABLE x; --"],
      strategy: 'v73',
      variants: ['A', null],
      shadow: false,
    });
    expect(where).toBe(
      's.signal_time >= $1::timestamptz AND s.signal_time < $2::timestamptz AND r.closed_at <= $3::timestamptz' +
        ' AND r.event_id IS NOT NULL AND s.symbol IN (SELECT jsonb_array_elements_text($4::jsonb))' +
        ' AND s.strategy = $5 AND (s.variant IN (SELECT jsonb_array_elements_text($6::jsonb)) OR s.variant IS NULL)' +
        ' AND s.shadow = $7',
    );
    expect(params).toEqual([
      '2025-01-01T00:00:00.000Z',
      '2025-02-01T00:00:00.000Z',
      '2025-02-15T00:00:00.000Z',
      JSON.stringify(["BTCUSDT'; DROP TABLE x; --"]),
      'v73',
      '["A"]',
      false,
    ]);
  });

  it('matches nothing for an empty variant list, and refuses non-finite bounds and bad limits', () => {
    expect(filterCondition({ variants: [] }).where).toBe('false');
    expect(() => filterCondition({ signalTime: { fromMs: Number.NaN } })).toThrow(RangeError);
    expect(limitClause({ limit: 10 })).toBe(' LIMIT 10');
    expect(() => limitClause({ limit: 1.5 })).toThrow(RangeError);
  });
});

describe('RowReader', () => {
  it('reads typed fields and fails loudly on a drifted column', () => {
    const r = new RowReader('t', { at: '2025-01-01T08:00:00+08:00', n: 1.5, side: 'long', doc: { a: 'x' } });
    expect(r.timeMs('at')).toBe(Date.UTC(2025, 0, 1));
    expect(r.number('n')).toBe(1.5);
    expect(r.oneOf('side', ['long', 'short'] as const)).toBe('long');
    expect(r.textMap('doc')).toEqual({ a: 'x' });
    expect(r.numberOrNull('missing')).toBeNull();
    expect(() => r.number('side')).toThrow(/t\.side: expected a number, got string/);
    expect(() => r.oneOf('side', ['short'] as const)).toThrow(/expected short/);
  });
});
