/** The price path of one bar as the position follower needs it (UTC ms, quote currency). */
export interface PathBar {
  readonly openTime: number;
  /** Bar length in ms (60,000 for 1m, 3,600,000 for 1h). */
  readonly intervalMs: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
}
