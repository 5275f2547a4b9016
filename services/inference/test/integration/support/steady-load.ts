import type { V73Advice, V73Advisor, V73Request } from '@cryptosignal/inference-client';

/** One answer of the load: which model version answered (or `rules` after a fallback) and when, in order. */
export interface LoadAnswer {
  readonly loop: number;
  readonly version: string;
  readonly reason: string | undefined;
}

/** A bounded steady load: `loops` callers asking back to back until stopped or `maxCalls` answers each. */
export class SteadyLoad {
  readonly answers: LoadAnswer[] = [];
  #stopped = false;
  readonly #done: Promise<void>;

  constructor(advisor: V73Advisor, request: V73Request, loops: number, maxCalls: number) {
    this.#done = Promise.all(
      Array.from({ length: loops }, async (_, loop) => {
        for (let i = 0; i < maxCalls && !this.#stopped; i++) {
          const advice: V73Advice = await advisor.advise(request);
          const version = advice.source === 'model' ? (advice.models.transformer?.version ?? '?') : 'rules';
          this.answers.push({ loop, version, reason: advice.source === 'rules' ? advice.reason : undefined });
        }
      }),
    ).then(() => undefined);
  }

  /** Resolves once at least `count` answers have come. */
  async until(count: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.answers.length < count) {
      if (Date.now() > deadline) throw new Error(`only ${this.answers.length} answers after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Stops every loop after its current call; resolves when all have stopped. */
  stop(): Promise<void> {
    this.#stopped = true;
    return this.#done;
  }
}
