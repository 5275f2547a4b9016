import ccxt, { type binanceusdm } from 'ccxt';
import { RateLimitedError, retryAfterMs } from './exchange-errors.js';

/** Where the exchange is reached: base URLs that replace Binance's own (a fake server in tests, a mirror). */
export interface ExchangeEndpoints {
  /** Replaces `https://fapi.binance.com` (REST of USD-M futures: klines, funding, open interest, depth, trades). */
  readonly restBaseUrl?: string;
  /** Request timeout, ms. */
  readonly timeoutMs?: number;
}

const BINANCE_FAPI = 'https://fapi.binance.com';

/**
 * Binance USD-M futures through ccxt, with the one change the collector needs: a 429/418 answer is raised as
 * `RateLimitedError` carrying the server's Retry-After, before ccxt's own handler turns it into a generic
 * DDoSProtection error without it.
 */
class BinanceUsdm extends ccxt.binanceusdm {
  override handleErrors(
    code: number,
    reason: string,
    url: string,
    method: string,
    headers: Record<string, string>,
    body: string,
    response: unknown,
    requestHeaders: unknown,
    requestBody: unknown,
  ): undefined {
    if (code === 429 || code === 418) {
      const waitMs = retryAfterMs(headers['Retry-After'], Date.now());
      throw new RateLimitedError(
        `binance ${method} ${new URL(url).pathname}: HTTP ${code} ${reason}`,
        waitMs,
      );
    }
    return super.handleErrors(
      code,
      reason,
      url,
      method,
      headers,
      body,
      response,
      requestHeaders,
      requestBody,
    );
  }
}

/**
 * Returns a ccxt Binance USD-M client with ccxt's rate limiter on (it spaces requests by each endpoint's
 * weight) and, when `restBaseUrl` is given, every `fapi.binance.com` URL pointed at it.
 */
export function createBinanceUsdm(endpoints: ExchangeEndpoints = {}): binanceusdm {
  const exchange = new BinanceUsdm({ enableRateLimit: true, timeout: endpoints.timeoutMs ?? 10_000 });
  const base = endpoints.restBaseUrl?.replace(/\/$/, '');
  if (base) {
    const api = exchange.urls.api as Record<string, string>;
    for (const [key, url] of Object.entries(api))
      if (typeof url === 'string' && url.startsWith(BINANCE_FAPI))
        api[key] = base + url.slice(BINANCE_FAPI.length);
  }
  return exchange;
}
