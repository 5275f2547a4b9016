import { createHash } from 'node:crypto';
import type { FactorSnapshot } from '@cryptosignal/features';

/**
 * Returns a digest that differs whenever two snapshots differ in any field, bit for bit: JSON with every number
 * printed by its shortest round-trip form (distinct doubles print differently), −0 marked, absent fields marked.
 */
export function snapshotDigest(s: FactorSnapshot): string {
  const text = JSON.stringify(s, (_key, value: unknown) => {
    if (Object.is(value, -0)) return '-0';
    if (value === undefined) return '<undefined>';
    return value;
  });
  return createHash('sha1').update(text).digest('hex');
}
