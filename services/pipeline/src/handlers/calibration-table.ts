import type { CalibrationTablePublished } from '@cryptosignal/contracts';
import { calibrationFromWire } from '../adapters/config-wire.js';
import type { PipelineHandlerContext } from './context.js';

/**
 * Handles a calibration table (`config.calibration`) of the followed scope: the adaptive strategy's P comes from it
 * from the next bar on; a table older (by as-of time) than the one held is ignored. Thrown (InvalidMessageError)
 * when the table is malformed.
 */
export async function handleCalibrationTable(
  message: CalibrationTablePublished,
  ctx: PipelineHandlerContext,
): Promise<void> {
  if (message.scope !== ctx.calibrationScope) return;
  if (ctx.calibration.offer(calibrationFromWire(message)))
    ctx.logger.info({ scope: message.scope, version: message.version }, 'calibration table applied');
}
