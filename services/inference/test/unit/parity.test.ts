import { MODEL_SPECS } from '@cryptosignal/inference-client';
import { afterAll, describe, expect, it } from 'vitest';
import { predictRows } from '../../src/handlers/predict-rows.js';
import {
  FIXTURE_REGISTRY,
  maxAbsDiff,
  type ParityFixture,
  parityFixtures,
  SHIPPED_REGISTRY,
} from '../support/fixtures.js';
import { type ModelStack, modelStack } from '../support/model-stack.js';

const noDeadline = { deadlineMs: undefined, signal: undefined };

/**
 * Parity with Python onnxruntime (issue 10, item 2): the outputs the service computes for the inputs of every
 * parity.json equal the ones Python onnxruntime wrote, within the fixture's tolerance (1e-5). Checked on the test
 * models and, once `make train` has written them, on the shipped models in models/.
 */
function parityOf(label: string, fixture: ParityFixture, stack: () => ModelStack) {
  it(`${label} ${fixture.kind}: ${fixture.cases.length} cases within ${fixture.tolerance}, one case at a time and all in one batch`, async () => {
    const spec = MODEL_SPECS[fixture.kind];
    const requests = fixture.cases.map((c) => ({
      symbol: 'PARITY',
      input: {
        values: c.input,
        shape: spec.windowRows === undefined ? undefined : fixture.shape,
        featureSpec: undefined,
      },
    }));
    const read = (row: Readonly<Record<string, Float32Array>>) => row;
    const batched = await predictRows(stack(), fixture.kind, requests, noDeadline, read);
    const single = [];
    for (const r of requests)
      single.push(...(await predictRows(stack(), fixture.kind, [r], noDeadline, read)));
    fixture.cases.forEach((c, i) => {
      for (const [name, want] of Object.entries(c.expected)) {
        expect(maxAbsDiff(batched[i]?.value[name] ?? [], want)).toBeLessThanOrEqual(fixture.tolerance);
        expect(maxAbsDiff(single[i]?.value[name] ?? [], want)).toBeLessThanOrEqual(fixture.tolerance);
      }
    });
  });
}

describe('parity with Python onnxruntime: test models', () => {
  let stack: ModelStack;
  afterAll(() => stack?.close());
  const fixtures = parityFixtures(FIXTURE_REGISTRY);
  it('has a fixture for each of the three models', async () => {
    expect(fixtures.map((f) => f.kind).sort()).toEqual(['lstm', 'transformer', 'xgboost']);
    stack = await modelStack(FIXTURE_REGISTRY);
  });
  for (const f of fixtures) parityOf('test model', f, () => stack);
});

const shipped = parityFixtures(SHIPPED_REGISTRY);
describe.runIf(shipped.length > 0)('parity with Python onnxruntime: shipped models (models/)', () => {
  let stack: ModelStack;
  afterAll(() => stack?.close());
  it('loads every shipped model that has a parity fixture', async () => {
    stack = await modelStack(
      SHIPPED_REGISTRY,
      shipped.map((f) => f.kind),
    );
  });
  for (const f of shipped) parityOf('shipped', f, () => stack);
});
