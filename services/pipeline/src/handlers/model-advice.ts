import { classifyInferenceError, type FallbackReason } from '@cryptosignal/inference-client';
import type { SignalDecision } from '../domain/decision.js';
import { fallbackDecision, fuseDecision, type ModelAnswers, modelsNeeded } from '../domain/model-fusion.js';
import { type ModelInputs, modelInputsOf } from '../domain/model-inputs.js';
import type { ModelContext, PendingAdvice, PipelineHandlerContext } from './context.js';

/**
 * Returns what to ask the models for `decisions` of one evaluated bar: one entry per candidate of a model-consulting
 * strategy that the v7.2 gates accepted (the others stay v7.2 decisions), with the models' inputs read now from the
 * engine's feature history — every window ends with the candidate's bar — or why they could not be built.
 */
export function prepareAdvice(
  decisions: readonly SignalDecision[],
  ctx: PipelineHandlerContext,
): PendingAdvice[] {
  const models = ctx.models;
  if (!models) return [];
  const out: PendingAdvice[] = [];
  decisions.forEach((d, index) => {
    const stage = models.stages.get(d.strategy);
    if (!stage || !d.verdict.accepted) return;
    const inputs = modelInputsOf(ctx.engine, models.layouts, modelsNeeded(stage), {
      symbol: d.symbol,
      referenceSymbol: models.referenceSymbol,
      barOpenMs: d.barOpenMs,
    });
    out.push({ index, stage, inputs });
  });
  return out;
}

/** Asks the models a stage needs, in parallel. Rejects (InferenceCallError) as the port does. */
async function ask(models: ModelContext, d: SignalDecision, p: PendingAdvice, inputs: ModelInputs) {
  const { port, call } = models;
  const [forecast, win, regime] = await Promise.all([
    inputs.priceWindow ? port.predictPriceDistribution(d.symbol, inputs.priceWindow, call) : undefined,
    inputs.factorVector ? port.predictWinProbability(d.symbol, inputs.factorVector, call) : undefined,
    inputs.regimeWindow ? port.detectRegime(models.referenceSymbol, inputs.regimeWindow, call) : undefined,
  ]);
  const answers: ModelAnswers = {
    ...(forecast ? { forecast } : {}),
    ...(win ? { win } : {}),
    ...(regime ? { regime } : {}),
  };
  try {
    return fuseDecision(d, answers, p.stage);
  } catch (error) {
    // The port checked the answers; a forecast the fusion still cannot use is an unusable model output.
    if (!(error instanceof RangeError)) throw error;
    return { fallback: 'invalid_output' as const, detail: error.message };
  }
}

/** Returns the stage's decision on `d`, or the v7.2 decision marked as a fallback, counting the attempt and any fallback. */
async function advise(
  ctx: PipelineHandlerContext,
  models: ModelContext,
  d: SignalDecision,
  p: PendingAdvice,
) {
  ctx.metrics.inferenceAttempts.inc();
  let reason: FallbackReason;
  let detail: string;
  if ('missing' in p.inputs) {
    reason = 'insufficient_history';
    detail = p.inputs.missing;
  } else {
    try {
      const fused = await ask(models, d, p, p.inputs.inputs);
      if (!('fallback' in fused)) return fused;
      reason = fused.fallback;
      detail = fused.detail;
    } catch (error) {
      ({ reason, detail } = classifyInferenceError(error));
    }
  }
  ctx.metrics.inferenceFallbacks.inc({ reason });
  const log = { strategy: d.strategy, symbol: d.symbol, signalId: d.signalId, reason, detail };
  if (reason === 'insufficient_history') ctx.logger.debug(log, 'model stage fell back to v7.2');
  else ctx.logger.warn(log, 'model stage fell back to v7.2');
  return fallbackDecision(d, reason, detail);
}

/**
 * Returns `decisions` with every pending candidate decided by its model stage (or by the v7.2 rules, recorded as a
 * fallback with its reason, when the models are unavailable, late, failing or lack an input: no signal is lost).
 * A candidate the models turn down no longer holds its symbol in its strategy's position book. Never rejects for an
 * inference failure.
 */
export async function adviseDecisions(
  decisions: readonly SignalDecision[],
  pending: readonly PendingAdvice[],
  ctx: PipelineHandlerContext,
): Promise<SignalDecision[]> {
  const models = ctx.models;
  const out = [...decisions];
  if (!models || pending.length === 0) return out;
  const advised = await Promise.all(
    pending.map((p) => advise(ctx, models, decisions[p.index] as SignalDecision, p)),
  );
  pending.forEach((p, i) => {
    const decision = advised[i] as SignalDecision;
    out[p.index] = decision;
    if (!decision.verdict.accepted) {
      ctx.engine.strategies.find((s) => s.settings.id === decision.strategy)?.book.cancel(decision.signalId);
    }
  });
  return out;
}
