import type { SymbolId } from '@cryptosignal/domain';
import { type Clock, isRetryable } from '@cryptosignal/runtime';
import type { Logger } from '@cryptosignal/telemetry';
import { type FailoverPolicy, SourceFailover, type SourceSwitch } from '../domain/failover.js';
import type { CollectorMetrics } from '../metrics.js';
import type { HistorySource } from '../ports.js';

/** What a failover source needs besides its two sources. */
export interface FailoverDeps {
  /** The stream name for logs and the failover counter (`klines_1h`, `funding`). */
  readonly stream: string;
  readonly policy: FailoverPolicy;
  readonly clock: Clock;
  readonly metrics: CollectorMetrics;
  readonly logger: Logger;
}

/**
 * A HistorySource over a primary and a backup source (the plan's answer to collection failures): each call
 * goes to the source `SourceFailover` chooses; when it fails with a retryable error (its own retries spent),
 * the failure is recorded and, if that switches the stream, the call is repeated once on the new source.
 * Every switch is logged (`source switched`) and counted in `cryptosignal_collector_source_failovers_total`.
 * Non-retryable errors (a bad request) pass through without switching.
 */
export class FailoverHistorySource implements HistorySource {
  readonly name: string;
  private readonly failover: SourceFailover;
  private readonly byName: Map<string, HistorySource>;

  constructor(
    private readonly primary: HistorySource,
    backup: HistorySource | undefined,
    private readonly deps: FailoverDeps,
  ) {
    this.name = primary.name;
    this.failover = new SourceFailover(primary.name, backup?.name, deps.policy);
    this.byName = new Map([primary, ...(backup ? [backup] : [])].map((s) => [s.name, s]));
  }

  /** Returns the name of the source currently serving the stream. */
  active(): string {
    return this.failover.current();
  }

  fetchKlines(request: Parameters<HistorySource['fetchKlines']>[0]) {
    return this.call((s) => s.fetchKlines(request));
  }

  fetchFunding(request: Parameters<HistorySource['fetchFunding']>[0]) {
    return this.call((s) => s.fetchFunding(request));
  }

  fetchOpenInterest(request: Parameters<HistorySource['fetchOpenInterest']>[0]) {
    return this.call((s) => s.fetchOpenInterest(request));
  }

  fetchTrades(request: Parameters<HistorySource['fetchTrades']>[0]) {
    return this.call((s) => s.fetchTrades(request));
  }

  fetchOrderBook(symbol: SymbolId, depth: number) {
    return this.call((s) => s.fetchOrderBook(symbol, depth));
  }

  private async call<T>(fn: (source: HistorySource) => Promise<T>, repeated = false): Promise<T> {
    const name = this.failover.choose(this.deps.clock.nowMs());
    const source = this.byName.get(name) ?? this.primary;
    try {
      const result = await fn(source);
      this.report(this.failover.succeeded(name));
      return result;
    } catch (error) {
      if (!isRetryable(error)) throw error;
      const change = this.failover.failed(name, this.deps.clock.nowMs());
      this.report(change, error);
      const next = this.failover.choose(this.deps.clock.nowMs());
      if (repeated || next === name) throw error;
      return this.call(fn, true);
    }
  }

  private report(change: SourceSwitch | undefined, error?: unknown): void {
    if (!change) return;
    const { stream, metrics, logger } = this.deps;
    metrics.sourceFailovers.inc({ stream, from: change.from, to: change.to });
    const reason = error instanceof Error ? error.message : undefined;
    logger.warn(
      { stream, from: change.from, to: change.to, why: change.reason, error: reason },
      'source switched',
    );
  }
}
