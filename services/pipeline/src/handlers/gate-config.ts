import type { GateConfigPublished } from '@cryptosignal/contracts';
import { InvalidMessageError } from '@cryptosignal/runtime';
import { gateConfigFromWire } from '../adapters/config-wire.js';
import type { GateConfigOutcome } from '../domain/gate-settings.js';
import { showConfigVersion, showThresholds } from '../metrics.js';
import type { PipelineHandlerContext } from './context.js';

/**
 * Handles a gate configuration (`config.gates`): the adaptive strategy applies it from the next bar on, without a
 * restart (production set on its scope, A/B variant B on `<scope>.experiment`; the newest publication wins), and
 * shows the thresholds and (production set) the config version in the gauges.
 * Thrown (InvalidMessageError, DATA_INVALID) when it names an unknown parameter or sets invalid thresholds, so it
 * goes to the DLQ and the thresholds in force stay.
 */
export async function handleGateConfig(
  message: GateConfigPublished,
  ctx: PipelineHandlerContext,
): Promise<void> {
  const update = gateConfigFromWire(message);
  let outcome: GateConfigOutcome;
  try {
    outcome = ctx.gates.apply(update);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new InvalidMessageError(
      'DATA_INVALID',
      `config.gates ${message.scope}@${message.version}: ${why}`,
      {
        cause,
      },
    );
  }
  if (outcome === 'other_scope' || outcome === 'stale') return;
  showThresholds(ctx.metrics, ctx.gates.current());
  if (outcome === 'production') showConfigVersion(ctx.metrics, update.publishedAtMs);
  ctx.logger.info({ scope: message.scope, version: message.version, outcome }, 'gate config applied');
}
