import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_IDS } from '../../src/report/html-charts.js';
import { renderReportHtml } from '../../src/report/render-html.js';
import { smallReport } from '../report/small-report.js';

/** Debian's chromium, installed by scripts/ensure-chromium.sh (`make test-int`); never downloaded. */
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = resolve('out/report-screenshot.png');

describe('report.html in headless Chromium', () => {
  let context: BrowserContext;
  let profileDir: string;
  let pageDir: string;

  beforeAll(async () => {
    profileDir = mkdtempSync(join(tmpdir(), 'cs-chromium-profile-'));
    pageDir = mkdtempSync(join(tmpdir(), 'cs-report-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      offline: true,
      viewport: { width: 1280, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await context?.close();
    rmSync(profileDir, { recursive: true, force: true });
    rmSync(pageDir, { recursive: true, force: true });
  });

  it('renders every chart without console errors, offline, and keeps a screenshot', async () => {
    const file = join(pageDir, 'report.html');
    writeFileSync(file, renderReportHtml(smallReport()));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const requests: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.waitForFunction(
      (n) => (window as unknown as { __reportCharts?: number }).__reportCharts === n,
      CHART_IDS.length,
      {
        timeout: 15_000,
      },
    );
    const rendered = await page.$$eval('div.chart', (els) =>
      els.map((el) => [el.id, el.getAttribute('data-rendered')]),
    );
    expect(rendered).toEqual(CHART_IDS.map((id) => [`chart-${id}`, '1']));
    const svgCounts = await page.$$eval('div.chart', (els) =>
      els.map((el) => el.querySelectorAll('svg path').length),
    );
    for (const count of svgCounts) expect(count).toBeGreaterThan(0);
    mkdirSync(resolve('out'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.close();
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  }, 60_000);
});
