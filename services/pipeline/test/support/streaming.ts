import type { SymbolId } from '@cryptosignal/domain';
import type { FactorSnapshot } from '@cryptosignal/features';
import { DEFAULT_PIPELINE_CONFIG, PipelineEngine } from '../../src/index.js';
import type { ReplayEvent, ShippedMarket } from './shipped.js';
import { replayEvents } from './shipped.js';

function feed(engine: PipelineEngine<null>, e: ReplayEvent, onSnapshot: (s: FactorSnapshot) => void): void {
  if (e.kind === 'funding') engine.addFunding(e.value);
  else if (e.kind === 'open_interest') engine.addOpenInterest(e.value);
  else {
    const out = engine.addKline(e.value, null);
    if (out.kind === 'accepted') for (const r of out.evaluated) onSnapshot(r.snapshot);
  }
}

/**
 * Streams the shipped data through the pipeline's engine (default settings, no strategy) hour by hour as the
 * service receives it, and returns `map(snapshot)` of every evaluated bar by symbol, in evaluation order.
 */
export function streamShipped<T>(m: ShippedMarket, map: (s: FactorSnapshot) => T): Map<SymbolId, T[]> {
  const engine = new PipelineEngine<null>(DEFAULT_PIPELINE_CONFIG.engine, []);
  const out = new Map<SymbolId, T[]>();
  const keep = (s: FactorSnapshot) => {
    const list = out.get(s.symbol);
    if (list) list.push(map(s));
    else out.set(s.symbol, [map(s)]);
  };
  for (const hour of replayEvents(m)) for (const e of hour) feed(engine, e, keep);
  return out;
}
