import {
  buildMeta,
  CalibrationMethod,
  type CalibrationTablePublished,
  type CostModelPublished,
  FundingSource,
  type GateConfigPublished,
} from '@cryptosignal/contracts';

const meta = (id: string, tsEventMs: number) => buildMeta({ eventId: id, tsEventMs, tsInitMs: tsEventMs });

/** A 10-bucket calibration table where every bucket has `winsPer100` wins out of 100 samples, as of `tsEventMs`. */
export function bucketTableEvent(
  winsPer100: number,
  tsEventMs: number,
  scope = 'global',
): CalibrationTablePublished {
  return {
    meta: meta(`cal-${winsPer100}-${tsEventMs}`, tsEventMs),
    scope,
    version: `v-${winsPer100}-${tsEventMs}`,
    method: CalibrationMethod.CALIBRATION_METHOD_BUCKETS10,
    samples: 1000,
    fromMs: 1,
    toMs: tsEventMs,
    points: [],
    buckets: Array.from({ length: 10 }, (_, i) => ({
      lo: i * 10,
      hi: (i + 1) * 10,
      probability: winsPer100 / 100,
      samples: 100,
      wins: winsPer100,
    })),
  };
}

/** A config.gates event setting `thresholds` (gate.parameter → value) on `scope`, published at `tsEventMs`. */
export function gateConfigEvent(
  thresholds: Record<string, number>,
  tsEventMs: number,
  extra: Partial<GateConfigPublished> = {},
): GateConfigPublished {
  return {
    meta: meta(`gates-${tsEventMs}-${extra.scope ?? 'global'}`, tsEventMs),
    scope: 'global',
    version: `g-${tsEventMs}`,
    thresholds: Object.entries(thresholds).map(([key, value]) => {
      const [gate, parameter] = key.split('.') as [string, string];
      return { gate, parameter, value };
    }),
    ...extra,
  };
}

/** A config.costs event with one symbol's median/p95 entry cost and a 12–48 h funding bucket. */
export function costModelEvent(
  symbol: string,
  medianBps: number,
  fundingBps: number,
  tsEventMs: number,
): CostModelPublished {
  return {
    meta: meta(`costs-${tsEventMs}`, tsEventMs),
    scope: 'global',
    version: `c-${tsEventMs}`,
    costs: [{ symbol, medianCostBps: medianBps, p95CostBps: medianBps * 3, samples: 50 }],
    funding: [
      {
        symbol,
        minHoldHours: 12,
        maxHoldHours: 48,
        medianFundingBps: fundingBps,
        p95FundingBps: fundingBps * 2,
        samples: 40,
        source: FundingSource.FUNDING_SOURCE_HISTORY,
      },
    ],
    defaultCostBps: 9,
  };
}
