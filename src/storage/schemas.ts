/** Shapes of what the database stores, validated on every write and on import. */

import { type Coupon, CouponSchema } from "../../optimizer/schema";
import { z } from "../../optimizer/zod";

const isoInstant = () =>
  z.iso.datetime({ offset: true, error: "expected an ISO 8601 date-time with an offset" });

/**
 * A wallet coupon: exactly the optimizer's coupon (so the wallet can be handed
 * to it as is) plus bookkeeping the optimizer ignores.
 */
export const StoredCouponSchema = z.safeExtend(CouponSchema, {
  addedAt: z.optional(isoInstant()),
  usedAt: z.optional(isoInstant()),
  /** The referral whose reward this coupon is. */
  referralId: z.optional(z.string()),
  note: z.optional(z.string().check(z.maxLength(2000, { error: "expected at most 2000 characters" }))),
  /** The store as the coupon's text named it, when it was captured (the id may be derived from it). */
  storeName: z.optional(
    z.string().check(z.minLength(1), z.maxLength(200, { error: "expected at most 200 characters" })),
  ),
  /** The captured batch that added it (src/storage/capture.ts), for "Undo last import". */
  importId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  /** What the coupon was when captured: a later capture of the same coupon finds it even after an edit. */
  capturedKey: z.optional(z.string().check(z.minLength(1), z.maxLength(1000))),
  /** When the shopper last saved it by hand: a capture never overwrites it, an undo never removes it. */
  editedAt: z.optional(isoInstant()),
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
  id: z.string().check(z.minLength(1, { error: "expected a non-empty id" })),
  programId: z.string().check(z.minLength(1, { error: "expected a program id" })),
  kind: z.enum(["url", "code"], { error: 'expected "url" or "code"' }),
  /** The normalised link, or the bare referral code. */
  value: z.string().check(z.minLength(1), z.maxLength(2048)),
  label: z._default(z.string().check(z.maxLength(100, { error: "expected at most 100 characters" })), ""),
  /** The link the popup's main button copies; one per program. */
  isDefault: z._default(z.boolean(), false),
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
