import { describe, expect, it } from 'vitest';
import type { AbComparison } from '../../src/report/ab-comparisons.js';
import { planAbPairs } from '../../src/report/ab-comparisons.js';
import { fallbackReasonOf } from '../../src/report/models-section.js';
import { renderReportHtml } from '../../src/report/render-html.js';
import { smallReport } from './small-report.js';

const block = (label: string, version: string, sharpe: number) => ({
  label,
  strategy_version: version,
  signals: 4,
  rejected: 2,
  trades: 4,
  shadow_trades: 2,
  performance: { trades: 4, sharpe, win_rate: 0.5, max_drawdown: 0.02 },
});

describe('A/B comparisons in report.html', () => {
  it('renders one table per comparison, arms side by side with the difference, names escaped', () => {
    const comparison: AbComparison = {
      name: 'v73_vs_v72',
      question: 'v7.3 <against> v7.2',
      same_costs_and_funding: true,
      control: block('v7.2', '7.2.0', 0.5),
      treatment: block('v7.3', '7.3.0', 1.25),
      difference: { sharpe: 0.75, win_rate: 0, max_drawdown: 0 },
    };
    const html = renderReportHtml({ ...smallReport(), ab_comparisons: [comparison] });
    expect(html).toContain('<h2>A/B comparisons</h2>');
    expect(html).toContain('v7.3 &#60;against&#62; v7.2');
    const table = html.slice(html.indexOf('data-comparison="v73_vs_v72"'));
    expect(table).toContain('<th>Sharpe (daily, √365)</th><td>0.500</td><td>1.250</td><td>0.750</td>');
    expect(renderReportHtml(smallReport())).not.toContain('A/B comparisons');
  });

  it('compares every arm of the plan with the adaptive v7.2 strategy', () => {
    const pairs = planAbPairs({ v72: '7.2.0', v73: '7.3.0', mlWeights: 'm', regime: 'r' });
    expect(pairs.map((p) => [p.name, p.control.strategyVersion, p.treatment.strategyVersion])).toEqual([
      ['ml_weights_vs_fixed', '7.2.0', 'm'],
      ['regime_adaptive_vs_fixed', '7.2.0', 'r'],
      ['v73_vs_v72', '7.2.0', '7.3.0'],
    ]);
  });

  it('reads the fallback reason code of a snapshot', () => {
    expect(fallbackReasonOf('deadline_exceeded: 200 ms')).toBe('deadline_exceeded');
    expect(fallbackReasonOf('insufficient_history: transformer: fewer than 168 hours')).toBe(
      'insufficient_history',
    );
    expect(fallbackReasonOf('something else')).toBe('error');
    expect(fallbackReasonOf(null)).toBe('error');
  });
});
