/** Options of `waitFor`: the bound of the wait, and what to print when it is reached. */
export interface WaitForOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Describes the state when the wait times out (counts, missing ids sample). */
  readonly describe: () => string;
}

/**
 * Polls `condition` every `intervalMs` (default 20) until it holds.
 * Thrown when it still does not hold after `timeoutMs`, with `describe()` in the message.
 */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  options: WaitForOptions,
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${options.timeoutMs} ms: ${options.describe()}`);
    await new Promise((wake) => setTimeout(wake, options.intervalMs ?? 20));
  }
}

/** Returns a name unique to this run: `<prefix>.<time base36>.<random hex>`, valid as a Kafka topic or group id. */
export function uniqueName(prefix: string): string {
  const random = Math.floor(Math.random() * 0xffffffff).toString(16);
  return `${prefix}.${Date.now().toString(36)}.${random}`;
}

/** Returns up to `count` members of `expected` that `seen` lacks, for failure messages. */
export function missingSample(expected: Iterable<string>, seen: ReadonlySet<string>, count = 10): string[] {
  const missing: string[] = [];
  for (const id of expected) {
    if (!seen.has(id)) missing.push(id);
    if (missing.length >= count) break;
  }
  return missing;
}
