import { type Clock, SystemClock } from '@cryptosignal/runtime';
import type { Logger } from '@cryptosignal/telemetry';
import { FailoverHistorySource } from '../adapters/failover-history-source.js';
import { ExchangeBackfillReader } from '../backfill/exchange-backfill-reader.js';
import type { CollectorMetrics } from '../metrics.js';
import type { HistorySource } from '../ports.js';
import { CcxtHistorySource } from './ccxt-history-source.js';
import type { RequestRetryOptions } from './request-retry.js';

/** Where and how an exchange backfill reads. */
export interface ExchangeSourceOptions {
  /** REST base URL of the primary (default: Binance USD-M itself) and of the backup, if any. */
  readonly restBaseUrl?: string;
  readonly backupRestBaseUrl?: string;
  readonly retry?: Partial<RequestRetryOptions>;
  /** Consecutive primary failures before the backup takes over (default 1) and the primary retry delay. */
  readonly failuresBeforeSwitch?: number;
  readonly retryPrimaryAfterMs?: number;
}

/** Default retry of one exchange request: 5 retries, 500 ms doubling to 30 s, Retry-After up to 2 min. */
export const DEFAULT_REQUEST_RETRY: RequestRetryOptions = {
  retries: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

/** Returns the primary (`binance`) and optional backup (`binance_backup`) history sources behind one failover. */
export function exchangeHistory(
  options: ExchangeSourceOptions,
  deps: { metrics: CollectorMetrics; logger: Logger; clock?: Clock; stream?: string },
): HistorySource {
  const clock = deps.clock ?? new SystemClock();
  const retryFor = (name: string): RequestRetryOptions => ({
    ...DEFAULT_REQUEST_RETRY,
    ...options.retry,
    onRetry: ({ reason, delayMs, attempt }) => {
      deps.metrics.requestRetries.inc({ source: name, reason });
      deps.logger.info({ source: name, reason, delayMs, attempt }, 'exchange request retried');
    },
  });
  const make = (name: string, restBaseUrl: string | undefined) =>
    new CcxtHistorySource({ name, clock, retry: retryFor(name), ...(restBaseUrl ? { restBaseUrl } : {}) });
  const primary = make('binance', options.restBaseUrl);
  const backup = options.backupRestBaseUrl ? make('binance_backup', options.backupRestBaseUrl) : undefined;
  return new FailoverHistorySource(primary, backup, {
    stream: deps.stream ?? 'history',
    policy: {
      failuresBeforeSwitch: options.failuresBeforeSwitch ?? 1,
      retryPrimaryAfterMs: options.retryPrimaryAfterMs ?? 300_000,
    },
    clock,
    metrics: deps.metrics,
    logger: deps.logger,
  });
}

/** Returns a backfill reader over the exchange (primary and backup, see `exchangeHistory`). */
export function exchangeBackfillReader(
  options: ExchangeSourceOptions,
  deps: { metrics: CollectorMetrics; logger: Logger; clock?: Clock },
): ExchangeBackfillReader {
  return new ExchangeBackfillReader(exchangeHistory(options, deps), deps);
}
