import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { asRowProblem } from './fields.js';
import type { Parsed, RowProblem } from './types.js';

/** Returns true when `path` is gzip-compressed by its name (`.gz`). */
export function isGzipPath(path: string): boolean {
  return path.endsWith('.gz');
}

/** Read and inflate in 256 KiB chunks: fewer, larger stream callbacks than the 64/16 KiB defaults. */
const CHUNK_BYTES = 256 * 1024;

function openText(path: string): { input: Readable; close: () => void } {
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  if (!isGzipPath(path)) return { input: file, close: () => file.destroy() };
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
  file.on('error', (error) => gunzip.destroy(error));
  return {
    input: file.pipe(gunzip),
    close: () => {
      file.destroy();
      gunzip.destroy();
    },
  };
}

/**
 * Streams the data rows of a CSV or CSV.gz file (node:readline over the file stream, gunzipped when the name
 * ends in `.gz`), converting each row's field texts with `toValue`. The first line must be exactly `header`.
 * Rows are numbered from 1 = the header line. Yields a problem instead of throwing: `unparseable` at row 1
 * (and nothing more) when the header differs or the file is empty; `unparseable` for a blank line or a row
 * with the wrong number of fields; the FieldError's kind when `toValue` rejects a field; `unparseable` (then
 * stops) when the file cannot be read or decompressed. Any other error from `toValue` is a bug and propagates.
 */
export async function* parseCsv<T>(
  path: string,
  header: readonly string[],
  toValue: (fields: string[]) => T,
): AsyncGenerator<Parsed<T>> {
  const { input, close } = openText(path);
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const expected = header.join(',');
  let row = 0;
  try {
    for await (const line of lines) {
      row += 1;
      if (row === 1) {
        const got = line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
        if (got === expected) continue;
        yield { row, problem: { kind: 'unparseable', detail: `header is '${got}', expected '${expected}'` } };
        return;
      }
      yield parseLine(line, row, header.length, toValue);
    }
    if (row === 0) yield { row: 1, problem: { kind: 'unparseable', detail: 'empty file: no header line' } };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    yield { row: row + 1, problem: { kind: 'unparseable', detail: `cannot read the file: ${reason}` } };
  } finally {
    lines.close();
    close();
  }
}

function parseLine<T>(line: string, row: number, width: number, toValue: (fields: string[]) => T): Parsed<T> {
  const fields = line.split(',');
  if (fields.length !== width) return { row, problem: fieldCountProblem(fields.length, width, line) };
  try {
    return { row, value: toValue(fields) };
  } catch (error) {
    return { row, problem: asRowProblem(error) };
  }
}

/** Streams the data rows of a CSV or CSV.gz file as arrays of field texts; see {@link parseCsv}. */
export function readCsvRows(path: string, header: readonly string[]): AsyncGenerator<Parsed<string[]>> {
  return parseCsv(path, header, (fields) => fields);
}

function fieldCountProblem(got: number, expected: number, line: string): RowProblem {
  const detail =
    line.trim() === '' ? 'blank line' : `${got} fields, expected ${expected}: '${line.slice(0, 120)}'`;
  return { kind: 'unparseable', detail };
}
