import { z } from '@cryptosignal/config';
import type { PaperPositionState } from '../domain/paper-position.js';
import type { EntryFill, TrackedOrder } from '../domain/trade-outcome.js';

const finite = z.number().refine(Number.isFinite, 'must be finite');
const side = z.enum(['long', 'short']);

/** Schema of `executor_positions.order_doc`: a TrackedOrder as JSON. */
export const orderDocSchema = z.object({
  signalId: z.string().min(1),
  symbol: z.string().min(1),
  side,
  signalTimeMs: finite,
  entryPriceLimit: finite.optional(),
  tp: finite,
  sl: finite,
  maxHoldHours: finite,
  entryTtlMs: finite,
  signalEventId: z.string().min(1),
  shadow: z.boolean(),
  gateReason: z.string().min(1).optional(),
  notionalUsdt: finite,
});

const lastBarMs = finite.nullable();
const costs = z.object({
  halfSpreadBps: finite,
  slippageBps: finite,
  feeBps: finite,
  source: z.enum(['config_default', 'depth_book_walk']),
});
const paperSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pending'), attempted: z.boolean(), lastBarMs }),
  z.object({
    kind: z.literal('open'),
    fillPrice: finite,
    fillTimeMs: finite,
    levels: z.object({ side, tpPrice: finite, slPrice: finite, deadlineMs: finite }),
    lastBarMs,
  }),
  z.object({ kind: z.literal('done'), lastBarMs }),
]);

/** Schema of `executor_positions.state_doc`: the paper position's state and the entry fill. */
export const stateDocSchema = z.object({
  paper: paperSchema,
  entry: z
    .object({ referencePrice: finite, effectivePrice: finite, timeMs: finite, quantity: finite, costs })
    .nullable(),
});

/** Returns the JSON document of an order (an absent limit or gate reason is left out). */
export function orderDoc(order: TrackedOrder): Record<string, unknown> {
  return JSON.parse(JSON.stringify(order)) as Record<string, unknown>;
}

/** Returns the order of a stored document. Thrown (ZodError) when it does not match the schema. */
export function parseOrderDoc(doc: unknown): TrackedOrder {
  const o = orderDocSchema.parse(doc);
  const { entryPriceLimit, gateReason, ...rest } = o;
  return { ...rest, entryPriceLimit, ...(gateReason === undefined ? {} : { gateReason }) };
}

/** Returns the paper state and entry of a stored document. Thrown (ZodError) when it does not match. */
export function parseStateDoc(doc: unknown): { paper: PaperPositionState; entry: EntryFill | null } {
  return stateDocSchema.parse(doc);
}
