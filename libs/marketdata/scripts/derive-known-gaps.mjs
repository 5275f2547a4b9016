#!/usr/bin/env node
// Derives data/market/known-gaps.json: validates the data with no known gaps, then explains every gap found by
// the PROVENANCE.md table row of its file (the row must name the same bounds and, where it states one, the same
// missing count). A gap no row explains is printed and the script exits 1 without writing anything.
// Usage (after `npm run build`): node libs/marketdata/scripts/derive-known-gaps.mjs [DATA_DIR]
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { KNOWN_GAPS_FILE, validatePaths } from '@cryptosignal/marketdata';

const dataDir = process.argv[2] ?? 'data/market';
const provenance = readFileSync(join(dataDir, 'PROVENANCE.md'), 'utf8').split('\n');

/** The spot halt is the only gap caused by the exchange itself; every other one is a hole in the sources. */
const OUTAGE = {
  kind: 'klines_1h_spot',
  fromMs: Date.parse('2023-03-24T12:00:00Z'),
  why: 'PROVENANCE.md, "Sources" item 1 (spot): "all ten miss exactly the 2023-03-24 12:00 bar (Binance spot trading halt that day)"; in the files the 12:00 bar is present with zero volume and O=H=L=C, and the 13:00 bar is the one missing',
};

const short = (ms) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function tableRow(kind, symbol) {
  const cell = `| ${kind}/${symbol}.csv |`;
  for (let i = 0; i < provenance.length; i += 1) {
    if (!provenance[i].startsWith(cell)) continue;
    let heading = i;
    while (heading > 0 && !provenance[heading].startsWith('#')) heading -= 1;
    return { line: i + 1, text: provenance[i], section: provenance[heading].replace(/^#+\s*/, '') };
  }
  return undefined;
}

function explain(report, gap) {
  const row = tableRow(report.kind, report.symbol);
  if (!row) return undefined;
  const bounds = new RegExp(
    `${escapeRegExp(short(gap.from))}(:00)?\\s*(->|and)\\s*${escapeRegExp(short(gap.to))}(:00)?`,
  );
  const hit = bounds.exec(row.text);
  if (!hit) return undefined;
  const rest = row.text.slice(hit.index + hit[0].length, hit.index + hit[0].length + 20);
  const before = row.text.slice(Math.max(0, hit.index - 40), hit.index);
  const stated =
    /^\s*\((\d+) missing\)/.exec(rest)?.[1] ?? /missing (\d+) bar\(s\) between $/.exec(before)?.[1];
  if (stated !== undefined && Number(stated) !== gap.missing) return undefined;
  const cell =
    row.text
      .split('|')
      .find((c) => c.includes(hit[0]))
      ?.trim() ?? hit[0];
  return `PROVENANCE.md line ${row.line}, section "${row.section}", row ${report.kind}/${report.symbol}.csv: "${cell}"`;
}

const result = await validatePaths([dataDir], { knownGaps: null });
const gaps = [];
const unexplained = [];
for (const report of result.files) {
  for (const gap of report.gaps) {
    const source = explain(report, gap);
    if (!source) {
      unexplained.push(`${report.file}: ${gap.missing} missing ${gap.unit} ${gap.fromText} -> ${gap.toText}`);
      continue;
    }
    const outage = report.kind === OUTAGE.kind && gap.from === OUTAGE.fromMs;
    gaps.push({
      path: relative(dataDir, report.file),
      kind: report.kind,
      symbol: report.symbol,
      fromMs: gap.from,
      from: gap.fromText,
      toMs: gap.to,
      to: gap.toText,
      missing: gap.missing,
      gapKind: outage ? 'exchange_outage' : 'collection_hole',
      source: outage ? `${source}; ${OUTAGE.why}` : source,
    });
  }
}
const otherErrors = result.errors.filter((p) => p.kind !== 'gap');
if (unexplained.length > 0 || otherErrors.length > 0) {
  console.error(`not written: ${unexplained.length} unexplained gaps, ${otherErrors.length} other problems`);
  for (const line of unexplained) console.error(`  ${line}`);
  for (const p of otherErrors) console.error(`  ${JSON.stringify(p)}`);
  process.exit(1);
}
const document = {
  description:
    'Gaps in the shipped market data that are explained and accepted. from/to (fromMs/toMs, epoch ms UTC) are the ' +
    'grid points of the rows bounding the gap; missing = points strictly between them. gapKind: exchange_outage ' +
    '(the exchange did not trade) or collection_hole (the sources did not hold the data). source points to the ' +
    'PROVENANCE.md statement. Derived by libs/marketdata/scripts/derive-known-gaps.mjs; `cryptosignal data ' +
    'validate` reports these as known_gap information, not errors.',
  gaps,
};
writeFileSync(join(dataDir, KNOWN_GAPS_FILE), `${JSON.stringify(document, null, 2)}\n`);
console.log(`${KNOWN_GAPS_FILE}: ${gaps.length} known gaps written`);
