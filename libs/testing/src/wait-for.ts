import { inspect } from 'node:util';

/** Options of `waitFor`. */
export interface WaitForOptions {
  /** Longest wait, in ms. */
  readonly timeoutMs: number;
  /** Pause between two probes, in ms (default 100). */
  readonly intervalMs?: number;
  /** What is awaited, for the failure message ("3 rows in trade_results"). */
  readonly describe: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls `probe` until it returns a truthy value, and returns that value: the readiness wait of integration
 * tests (never a fixed sleep). A probe that throws counts as "not yet".
 * Thrown when `timeoutMs` passes first (Error: `timed out after N ms waiting for <describe>`, followed by the
 * last value the probe returned and the last error it threw).
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  options: WaitForOptions,
): Promise<NonNullable<T>> {
  const intervalMs = options.intervalMs ?? 100;
  const deadlineMs = Date.now() + options.timeoutMs;
  let lastValue: unknown;
  let lastError: unknown;
  let probes = 0;
  for (;;) {
    probes++;
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
      lastValue = value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() + intervalMs > deadlineMs) break;
    await sleep(intervalMs);
  }
  const details = [
    `last value: ${inspect(lastValue, { depth: 4, breakLength: Number.POSITIVE_INFINITY })}`,
    lastError === undefined
      ? undefined
      : `last error: ${lastError instanceof Error ? lastError.message : inspect(lastError)}`,
  ].filter((d) => d !== undefined);
  throw new Error(
    `timed out after ${options.timeoutMs} ms waiting for ${options.describe} (${probes} probes); ${details.join('; ')}`,
    { cause: lastError },
  );
}
