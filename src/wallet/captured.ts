/**
 * What a captured coupon is before it is stored: where it came from, the
 * draft shape that crosses a message boundary, and what makes two coupons the
 * same. Pure, so the message schemas, the paste reader and the batch writes
 * (src/storage/capture.ts) all share one definition.
 */
import { COUPON_KINDS } from "../../optimizer/schema";
import { z } from "../../optimizer/zod";
import { STORE_NAME_PREFIX } from "./store-names";

export const CAPTURE_SOURCES = ["page", "paste"] as const;
export type CaptureSource = (typeof CAPTURE_SOURCES)[number];

/** Most coupons one batch may add: far above any real coupon page, low enough to keep one transaction quick. */
export const MAX_CAPTURE_BATCH = 500;
const money = () => z.number().check(z.int(), z.gte(0), z.lte(900_000_000_000));

/**
 * A coupon draft as it crosses a message boundary: the reader's CouponDraft
 * shape, checked loosely here and fully (with the optimizer's coupon rules)
 * when it is added.
 */
export const CouponDraftSchema = z.object({
  kind: z.enum(COUPON_KINDS),
  off: z.optional(money()),
  percent: z.optional(z.number().check(z.gt(0), z.lte(100))),
  maxOff: z.optional(money()),
  minSpend: z._default(money(), 0),
  currency: z.optional(z.string().check(z.regex(/^[A-Z]{3}$/))),
  validFrom: z.optional(z.iso.datetime({ offset: true })),
  expiresAt: z.optional(z.iso.datetime({ offset: true })),
  storeName: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  storeId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  code: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
});

/** The store id a coupon naming only its store gets: the cart reader's id for a store known by name. */
export const storeIdForName = (name: string): string => `${STORE_NAME_PREFIX}${name.trim()}`;

/** What makes two coupons the same coupon: kind, amount, minimum, expiry, store and code. */
export function couponKey(c: {
  kind: string;
  off?: number | undefined;
  percent?: number | undefined;
  maxOff?: number | undefined;
  minSpend?: number | undefined;
  currency?: string | undefined;
  expiresAt?: string | undefined;
  storeId?: string | undefined;
  code?: string | undefined;
}): string {
  const expires = c.expiresAt === undefined ? "" : String(Date.parse(c.expiresAt));
  return JSON.stringify([
    c.kind,
    c.off ?? null,
    c.percent ?? null,
    c.maxOff ?? null,
    c.minSpend ?? 0,
    c.currency ?? null,
    expires,
    c.storeId ?? null,
    c.code ?? null,
  ]);
}
