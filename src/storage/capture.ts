/**
 * Captured coupons into the wallet: a batch read from the page or pasted by the
 * shopper is added in one transaction, and the last batch can be undone.
 *
 * Nothing is lost and nothing is doubled: a captured coupon that matches one in
 * the wallet (same kind, amount, minimum, expiry, store and code) changes
 * nothing and comes back as already there; a capture never writes over an
 * existing coupon (least of all one the shopper edited by hand), and an undo
 * leaves every coupon the shopper edited or used since.
 */

import { formatPath } from "../../optimizer/errors";
import { CouponSchema } from "../../optimizer/schema";
import { type InstantLike, toIso } from "../core/calendar";
import {
  CAPTURE_SOURCES,
  type CaptureSource,
  CouponDraftSchema,
  couponKey,
  MAX_CAPTURE_BATCH,
  storeIdForName,
} from "../wallet/captured";
import type { StackwiseDb } from "./db";
import { guard, StorageError } from "./errors";
import { type CouponImport, type StoredCoupon, StoredCouponSchema, withExpiryIndex } from "./schemas";

/** Batches remembered for undo; older ones are forgotten (their coupons stay). */
const KEPT_IMPORTS = 20;

export interface CaptureOutcome {
  /** The batch's id, for undo; null when nothing was added. */
  importId: string | null;
  /** Drafts added, by their place in the batch. */
  added: { index: number; coupon: StoredCoupon }[];
  /** Drafts that matched a coupon already in the wallet (or an earlier draft of the same batch). */
  alreadyThere: { index: number; couponId: string }[];
}

function newId(prefix: string): string {
  const random =
    globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `${prefix}-${random}`;
}

/** A draft as the wallet coupon it would become, or one line per problem. */
function toCoupon(
  draft: unknown,
  index: number,
  source: CaptureSource,
  importId: string,
  addedAt: string,
): { ok: true; coupon: StoredCoupon } | { ok: false; problems: string[] } {
  const parsed = CouponDraftSchema.safeParse(draft);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `coupon ${index + 1}: ${formatPath(i.path)}: ${i.message}`),
    };
  const d = parsed.data;
  const problems: string[] = [];
  if (d.expiresAt === undefined) problems.push(`coupon ${index + 1}: no expiry date`);
  if (d.kind === "store" && d.storeId === undefined && d.storeName === undefined)
    problems.push(`coupon ${index + 1}: a store coupon needs its store`);
  if (problems.length > 0) return { ok: false, problems };
  const storeId = d.storeId ?? (d.storeName === undefined ? undefined : storeIdForName(d.storeName));
  const candidate: Record<string, unknown> = {
    id: newId("captured"),
    kind: d.kind,
    minSpend: d.minSpend,
    expiresAt: d.expiresAt,
    status: "active",
    source,
    addedAt,
    importId,
  };
  for (const [key, value] of Object.entries({
    off: d.off,
    percent: d.percent,
    maxOff: d.maxOff,
    currency: d.currency,
    validFrom: d.validFrom,
    storeId,
    storeName: d.storeName,
    code: d.code,
  }))
    if (value !== undefined) candidate[key] = value;
  // The optimizer's own rules (one amount, a cap only with a percent, a code for promo...) have the last word.
  const checked = CouponSchema.safeParse(candidate);
  if (!checked.success)
    return {
      ok: false,
      problems: checked.error.issues.map((i) => `coupon ${index + 1}: ${formatPath(i.path)}: ${i.message}`),
    };
  const stored = StoredCouponSchema.parse(candidate);
  stored.capturedKey = couponKey(stored);
  return { ok: true, coupon: withExpiryIndex(stored) };
}

/**
 * Adds a captured batch in one transaction. A draft matching a coupon in the
 * wallet (by its current terms, or by the terms it had when it was captured,
 * so an edited coupon is not added again) is reported as already there and
 * changes nothing. An invalid draft refuses the whole batch ("invalid-input",
 * one problem per line) and writes nothing.
 */
export function addCapturedCoupons(
  db: StackwiseDb,
  drafts: readonly unknown[],
  source: CaptureSource,
  now: InstantLike = Date.now(),
): Promise<CaptureOutcome> {
  return guard(async () => {
    if (!(CAPTURE_SOURCES as readonly string[]).includes(source))
      throw new StorageError("invalid-input", {
        userMessage: `Unknown capture source "${String(source)}".`,
        problems: [`source: expected "page" or "paste"`],
      });
    if (drafts.length > MAX_CAPTURE_BATCH)
      throw new StorageError("invalid-input", {
        userMessage: `At most ${MAX_CAPTURE_BATCH} coupons can be added at once; this batch has ${drafts.length}.`,
        problems: [`expected at most ${MAX_CAPTURE_BATCH} coupons`],
      });
    const at = toIso(now);
    const importId = newId("import");
    const coupons: StoredCoupon[] = [];
    const problems: string[] = [];
    drafts.forEach((draft, index) => {
      const r = toCoupon(draft, index, source, importId, at);
      if (r.ok) coupons.push(r.coupon);
      else problems.push(...r.problems);
    });
    if (problems.length > 0)
      throw new StorageError("invalid-input", {
        userMessage: `The coupons were not added: ${problems.join("; ")}.`,
        problems,
      });

    return db.transaction("rw", [db.coupons, db.imports], async () => {
      const known = new Map<string, string>();
      await db.coupons.each((c) => {
        known.set(couponKey(c), c.id);
        if (c.capturedKey !== undefined && !known.has(c.capturedKey)) known.set(c.capturedKey, c.id);
      });
      const outcome: CaptureOutcome = { importId: null, added: [], alreadyThere: [] };
      const fresh: StoredCoupon[] = [];
      coupons.forEach((coupon, index) => {
        const key = coupon.capturedKey ?? couponKey(coupon);
        const existing = known.get(key);
        if (existing !== undefined) outcome.alreadyThere.push({ index, couponId: existing });
        else {
          known.set(key, coupon.id);
          fresh.push(coupon);
          outcome.added.push({ index, coupon });
        }
      });
      if (fresh.length === 0) return outcome;
      await db.coupons.bulkAdd(fresh);
      await db.imports.add({ id: importId, at, source, couponIds: fresh.map((c) => c.id) });
      // Only the latest batches can be undone; forgetting older ones keeps their coupons.
      const all = await db.imports.orderBy("at").primaryKeys();
      if (all.length > KEPT_IMPORTS) await db.imports.bulkDelete(all.slice(0, all.length - KEPT_IMPORTS));
      outcome.importId = importId;
      return outcome;
    });
  });
}

/** The batch "Undo last import" would take back, if any. */
export function lastImport(db: StackwiseDb): Promise<CouponImport | undefined> {
  return guard(async () => (await db.imports.orderBy("at").reverse().first()) ?? undefined);
}

export interface UndoOutcome {
  importId: string | null;
  /** Coupons of the batch that were removed. */
  removed: string[];
  /** Coupons of the batch kept because the shopper edited or used them since. */
  kept: string[];
}

/**
 * Takes back the last captured batch in one transaction: its coupons leave the
 * wallet, except those the shopper edited or marked used since (their work is
 * kept). Repeated, it takes back the batch before.
 */
export function undoLastImport(db: StackwiseDb): Promise<UndoOutcome> {
  return guard(() =>
    db.transaction("rw", [db.coupons, db.imports], async () => {
      const last = await db.imports.orderBy("at").reverse().first();
      if (last === undefined) return { importId: null, removed: [], kept: [] };
      const rows = await db.coupons.bulkGet(last.couponIds);
      const removed: string[] = [];
      const kept: string[] = [];
      for (const c of rows) {
        if (c === undefined) continue;
        const untouched =
          c.importId === last.id &&
          c.editedAt === undefined &&
          c.status === "active" &&
          c.usedAt === undefined;
        (untouched ? removed : kept).push(c.id);
      }
      await db.coupons.bulkDelete(removed);
      await db.imports.delete(last.id);
      return { importId: last.id, removed, kept };
    }),
  );
}
