import { FEATURE_COLUMNS, FEATURE_SPEC_VERSION, LABEL_COLUMNS } from '@cryptosignal/features';
import {
  Field,
  Float64,
  Int64,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';

/** The rows of one symbol: key columns and one float64 column per feature and label (NaN = null). */
export interface MatrixRows {
  readonly symbol: string;
  readonly openTimeMs: readonly number[];
  /** Column name → values, one per row; `undefined` is written as null. */
  readonly columns: ReadonlyMap<string, readonly (number | undefined)[]>;
}

const COLUMN_NAMES = [...FEATURE_COLUMNS.map((c) => c.name), ...LABEL_COLUMNS.map((c) => c.name)];

/**
 * The Arrow schema of the matrix: `symbol` (utf8), `open_time` (int64, ms UTC), every feature then every label
 * (float64, nullable). Schema metadata: `cryptosignal.feature_spec_version`, `cryptosignal.features` and
 * `cryptosignal.labels` (JSON lists of {name, unit, description}), `cryptosignal.key` and `cryptosignal.source`.
 */
export function matrixSchema(source: string): Schema {
  const metadata = new Map<string, string>([
    ['cryptosignal.feature_spec_version', FEATURE_SPEC_VERSION],
    [
      'cryptosignal.features',
      JSON.stringify(FEATURE_COLUMNS.map(({ name, unit, description }) => ({ name, unit, description }))),
    ],
    ['cryptosignal.labels', JSON.stringify(LABEL_COLUMNS)],
    ['cryptosignal.key', JSON.stringify(['symbol', 'open_time'])],
    ['cryptosignal.source', source],
  ]);
  const fields = [
    new Field('symbol', new Utf8(), false),
    new Field('open_time', new Int64(), false, new Map([['unit', 'ms UTC']])),
    ...COLUMN_NAMES.map((name) => new Field(name, new Float64(), true)),
  ];
  return new Schema(fields, metadata);
}

function float64Column(values: readonly (number | undefined)[]) {
  const data = new Float64Array(values.length);
  const validity = new Uint8Array(Math.ceil(values.length / 8));
  let nullCount = 0;
  values.forEach((v, i) => {
    if (v === undefined || Number.isNaN(v)) {
      nullCount += 1;
      return;
    }
    data[i] = v;
    validity[i >> 3] = (validity[i >> 3] as number) | (1 << (i & 7));
  });
  return makeData({ type: new Float64(), length: values.length, nullCount, data, nullBitmap: validity });
}

/** Returns the record batch of one symbol's rows under `schema`. Thrown (RangeError) when a column is missing or short. */
export function matrixBatch(schema: Schema, rows: MatrixRows): RecordBatch {
  const n = rows.openTimeMs.length;
  const symbol = vectorFromArray(
    Array.from({ length: n }, () => rows.symbol),
    new Utf8(),
  ).data[0];
  if (symbol === undefined) throw new RangeError('symbol column was not built');
  const openTime = makeData({
    type: new Int64(),
    length: n,
    nullCount: 0,
    data: BigInt64Array.from(rows.openTimeMs, BigInt),
  });
  const columns = COLUMN_NAMES.map((name) => {
    const values = rows.columns.get(name);
    if (values?.length !== n)
      throw new RangeError(`column ${name} has ${values?.length ?? 0} values for ${n} rows`);
    return float64Column(values);
  });
  const children = [symbol, openTime, ...columns];
  const data = makeData<Struct>({ type: new Struct(schema.fields), length: n, nullCount: 0, children });
  return new RecordBatch(schema, data);
}
