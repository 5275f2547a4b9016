import { readFileSync } from 'node:fs';

/** One isotonic-regression case of fixtures/sklearn-fixtures.json (see fixtures/make_sklearn_fixtures.py). */
export interface IsotonicFixture {
  name: string;
  x: number[];
  y: number[];
  w: number[] | null;
  x_thresholds: number[];
  y_thresholds: number[];
  x_min: number;
  x_max: number;
  fitted: number[];
  grid: number[];
  grid_predicted: number[];
}

/** One Brier / log-loss case of fixtures/sklearn-fixtures.json. */
export interface ScoreFixture {
  name: string;
  y: number[];
  p: number[];
  brier: number;
  log_loss: number;
  log_loss_eps_1e15?: number;
}

/** Reads the committed scikit-learn reference values. */
export function loadSklearnFixtures(): { isotonic: IsotonicFixture[]; scores: ScoreFixture[] } {
  const url = new URL('../fixtures/sklearn-fixtures.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8'));
}
