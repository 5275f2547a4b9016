function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (a.byteLength !== b.byteLength) return false;
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return x.every((byte, i) => byte === y[i]);
}

function arrayDifference(a: unknown[], b: unknown, path: string): string | undefined {
  if (!Array.isArray(b) || a.length !== b.length) return `${path} (array length)`;
  for (let i = 0; i < a.length; i += 1) {
    const inner = firstDifference(a[i], b[i], `${path}[${i}]`);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

function objectDifference(a: Record<string, unknown>, b: unknown, path: string): string | undefined {
  if (!isPlainObject(b)) return path;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const inner = firstDifference(a[key], b[key], path === '' ? key : `${path}.${key}`);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/**
 * Returns the path of the first place where `a` and `b` differ as message values (`meta.eventId`,
 * `factors[2].value`), or undefined when they are the same: numbers by value (`NaN` = `NaN`; `-0` = `0`, as
 * proto3 writes no default and so turns `-0` into `0`, which no arithmetic tells apart), byte arrays by
 * content, arrays by length and elements, objects by keys where an absent property and one holding
 * `undefined` are the same.
 */
export function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (a === b || Object.is(a, b)) return undefined;
  const where = path === '' ? '(root)' : path;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    return ArrayBuffer.isView(a) && ArrayBuffer.isView(b) && sameBytes(a, b) ? undefined : where;
  }
  if (Array.isArray(a)) return arrayDifference(a, b, where);
  if (isPlainObject(a)) return objectDifference(a, b, path);
  return where;
}
