import type { FundingCharge } from './funding.js';

/** Where a closed trade's funding came from, as reported on TradeClosed. */
export type FundingSourceName = 'history' | 'assumed' | 'none';

/**
 * Returns the reported funding source of a charge: `none` when the position crossed no funding time (nothing
 * was due, so nothing is charged and nothing is assumed), otherwise the charge's own source — `history` for
 * recorded rates, `assumed` for the configured rate where history did not cover the holding period. A trade
 * that crossed a funding time is never reported with a zero it did not compute.
 */
export function fundingSourceOf(charge: FundingCharge): FundingSourceName {
  return charge.events === 0 ? 'none' : charge.source;
}
