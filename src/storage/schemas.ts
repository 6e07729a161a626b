/** Shapes of what the database stores, validated on every write and on import. */
import { z } from "zod";
import { type Coupon, CouponSchema } from "../../optimizer/schema";

const isoInstant = () =>
  z.iso.datetime({ offset: true, error: "expected an ISO 8601 date-time with an offset" });

/**
 * A wallet coupon: exactly the optimizer's coupon (so the wallet can be handed
 * to it as is) plus bookkeeping the optimizer ignores.
 */
export const StoredCouponSchema = CouponSchema.safeExtend({
  addedAt: isoInstant().optional(),
  usedAt: isoInstant().optional(),
  /** The referral whose reward this coupon is. */
  referralId: z.string().optional(),
  note: z.string().max(2000, { error: "expected at most 2000 characters" }).optional(),
  /** The store as the coupon's text named it, when it was captured (the id may be derived from it). */
  storeName: z.string().min(1).max(200, { error: "expected at most 200 characters" }).optional(),
  /** The captured batch that added it (src/storage/capture.ts), for "Undo last import". */
  importId: z.string().min(1).max(100).optional(),
  /** What the coupon was when captured: a later capture of the same coupon finds it even after an edit. */
  capturedKey: z.string().min(1).max(1000).optional(),
  /** When the shopper last saved it by hand: a capture never overwrites it, an undo never removes it. */
  editedAt: isoInstant().optional(),
});

export type CouponRecord = z.output<typeof StoredCouponSchema>;

/** As stored: `expiresMs` is derived from `expiresAt` (schema v2) so the wallet can be ordered and ranged by it. */
export type StoredCoupon = CouponRecord & { expiresMs: number };

/** One captured batch ("Add N coupons", "Paste coupons"): what "Undo last import" takes back. */
export interface CouponImport {
  id: string;
  /** ISO instant of the import. */
  at: string;
  source: "page" | "paste";
  /** The coupons the batch added (not those that were already there). */
  couponIds: string[];
}

export const ReferralLinkSchema = z.object({
  id: z.string().min(1, { error: "expected a non-empty id" }),
  programId: z.string().min(1, { error: "expected a program id" }),
  kind: z.enum(["url", "code"], { error: 'expected "url" or "code"' }),
  /** The normalised link, or the bare referral code. */
  value: z.string().min(1).max(2048),
  label: z.string().max(100, { error: "expected at most 100 characters" }).default(""),
  /** The link the popup's main button copies; one per program. */
  isDefault: z.boolean().default(false),
  addedAt: isoInstant(),
});

export type ReferralLink = z.output<typeof ReferralLinkSchema>;

/** The optimizer's fields of a stored coupon, in the optimizer's key order. */
export function optimizerCoupon(c: CouponRecord): Coupon {
  const out: Coupon = {
    id: c.id,
    kind: c.kind,
    minSpend: c.minSpend,
    expiresAt: c.expiresAt,
    status: c.status,
  };
  if (c.code !== undefined) out.code = c.code;
  if (c.storeId !== undefined) out.storeId = c.storeId;
  if (c.off !== undefined) out.off = c.off;
  if (c.percent !== undefined) out.percent = c.percent;
  if (c.maxOff !== undefined) out.maxOff = c.maxOff;
  if (c.validFrom !== undefined) out.validFrom = c.validFrom;
  if (c.currency !== undefined) out.currency = c.currency;
  if (c.source !== undefined) out.source = c.source;
  return out;
}

/** Adds the derived `expiresMs`; drops any stale one a caller passed along. */
export function withExpiryIndex(c: CouponRecord): StoredCoupon {
  return { ...c, expiresMs: Date.parse(c.expiresAt) };
}

/** What export writes: the stored coupon without derived fields. */
export function couponRecord(c: StoredCoupon): CouponRecord {
  const { expiresMs: _derived, ...rest } = c;
  return rest;
}
