import {
  CostSource,
  CvdSource,
  ExecutionStatus,
  ExitReason,
  FundingSource,
  Outcome,
  Regime,
  Side,
  Strategy,
} from '@cryptosignal/contracts';
import type {
  CostSourceName,
  CvdSourceName,
  ExecutionStatusName,
  ExitReasonName,
  FundingSourceName,
  OutcomeName,
  RegimeClass,
  SideName,
  StrategyName,
} from '@cryptosignal/records';
import { InvalidMessageError } from '@cryptosignal/runtime';

/**
 * Returns the stored name of a contract enum value.
 * Thrown (InvalidMessageError `CONTRACT_VALIDATION_FAILED`) when the value has no name (UNSPECIFIED or
 * unrecognised), which the contract's validation already refuses for required fields.
 */
function named<E extends number, N extends string>(what: string, names: Partial<Record<E, N>>) {
  return (value: E): N => {
    const name = names[value];
    if (name === undefined) {
      throw new InvalidMessageError('CONTRACT_VALIDATION_FAILED', `${what} ${value} has no stored name`);
    }
    return name;
  };
}

/** Side → `long` | `short`. */
export const sideName = named<Side, SideName>('side', {
  [Side.SIDE_LONG]: 'long',
  [Side.SIDE_SHORT]: 'short',
});

/** Strategy → `v72` | `v73`. */
export const strategyName = named<Strategy, StrategyName>('strategy', {
  [Strategy.STRATEGY_V72]: 'v72',
  [Strategy.STRATEGY_V73]: 'v73',
});

/** CvdSource → `taker_buy_volume` | `trades` | `clv_proxy` | `none`. */
export const cvdSourceName = named<CvdSource, CvdSourceName>('cvd source', {
  [CvdSource.CVD_SOURCE_TAKER_BUY_VOLUME]: 'taker_buy_volume',
  [CvdSource.CVD_SOURCE_TRADES]: 'trades',
  [CvdSource.CVD_SOURCE_CLV_PROXY]: 'clv_proxy',
  [CvdSource.CVD_SOURCE_NONE]: 'none',
});

/** Regime → `ranging` | `bull` | `bear` | `high_volatility`. */
export const regimeName = named<Regime, RegimeClass>('regime', {
  [Regime.REGIME_RANGING]: 'ranging',
  [Regime.REGIME_BULL]: 'bull',
  [Regime.REGIME_BEAR]: 'bear',
  [Regime.REGIME_HIGH_VOLATILITY]: 'high_volatility',
});

/** ExecutionStatus → `filled` | `unfilled` | `expired`. */
export const executionStatusName = named<ExecutionStatus, ExecutionStatusName>('execution status', {
  [ExecutionStatus.EXECUTION_STATUS_FILLED]: 'filled',
  [ExecutionStatus.EXECUTION_STATUS_UNFILLED]: 'unfilled',
  [ExecutionStatus.EXECUTION_STATUS_EXPIRED]: 'expired',
});

/** CostSource → `config_default` | `depth_book_walk`. */
export const costSourceName = named<CostSource, CostSourceName>('cost source', {
  [CostSource.COST_SOURCE_CONFIG_DEFAULT]: 'config_default',
  [CostSource.COST_SOURCE_DEPTH_BOOK_WALK]: 'depth_book_walk',
});

/** Outcome → `win` | `loss` | `breakeven`. */
export const outcomeName = named<Outcome, OutcomeName>('outcome', {
  [Outcome.OUTCOME_WIN]: 'win',
  [Outcome.OUTCOME_LOSS]: 'loss',
  [Outcome.OUTCOME_BREAKEVEN]: 'breakeven',
});

/** ExitReason → `tp` | `sl` | `timeout`. */
export const exitReasonName = named<ExitReason, ExitReasonName>('exit reason', {
  [ExitReason.EXIT_REASON_TP]: 'tp',
  [ExitReason.EXIT_REASON_SL]: 'sl',
  [ExitReason.EXIT_REASON_TIMEOUT]: 'timeout',
});

/** FundingSource → `history` | `assumed` | `none`. */
export const fundingSourceName = named<FundingSource, FundingSourceName>('funding source', {
  [FundingSource.FUNDING_SOURCE_HISTORY]: 'history',
  [FundingSource.FUNDING_SOURCE_ASSUMED]: 'assumed',
  [FundingSource.FUNDING_SOURCE_NONE]: 'none',
});
