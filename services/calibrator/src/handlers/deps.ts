import type { AdaptiveCalibrator } from '@cryptosignal/calibration';
import type { Clock } from '@cryptosignal/runtime';
import type { Logger } from '@cryptosignal/telemetry';
import type { CalibratorMetrics } from '../metrics.js';
import type {
  CalibrationPublisher,
  CalibrationStore,
  CalibrationTableCache,
  CalibrationTradeSource,
} from '../ports.js';
import type { CalibratorSettings } from '../settings.js';

/**
 * What the calibrator's jobs work with. `publisher` is absent when a run only stores and caches (an
 * on-demand recompute without a broker); `cache` likewise when there is no cache to fill.
 */
export interface CalibratorDeps {
  readonly settings: CalibratorSettings;
  readonly calibrator: AdaptiveCalibrator;
  readonly trades: CalibrationTradeSource;
  readonly store: CalibrationStore;
  readonly cache?: CalibrationTableCache;
  readonly publisher?: CalibrationPublisher;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: CalibratorMetrics;
}
