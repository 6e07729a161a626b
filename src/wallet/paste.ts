/**
 * Pasted coupon drafts as the popup's review list holds them: each draft as
 * the coupon form's fields (so the shopper can correct anything with the same
 * rules as "Add coupon"), and back to a draft for the capture.
 */
import type { Coupon } from "../../optimizer/schema";
import { couponKey, storeIdForName } from "./captured";
import type { CouponDraft } from "./coupon-text";
import {
  type CouponForm,
  couponToForm,
  type FieldErrors,
  type FormContext,
  validateCouponForm,
} from "./form";

/** The form fields of a draft; a draft's store name goes in the store field. */
export function draftToForm(
  draft: CouponDraft,
  ctx: Pick<FormContext, "timeZone" | "locale">,
  defaultCurrency: string,
): CouponForm {
  const asCoupon: Coupon = {
    id: "draft",
    status: "active",
    kind: draft.kind,
    minSpend: draft.minSpend,
    // A draft without an expiry gets an empty field below, for the shopper to fill.
    expiresAt: draft.expiresAt ?? new Date(0).toISOString(),
  };
  for (const key of ["off", "percent", "maxOff", "currency", "validFrom", "code"] as const)
    if (draft[key] !== undefined) (asCoupon as Record<string, unknown>)[key] = draft[key];
  const form = couponToForm(asCoupon, ctx, defaultCurrency);
  return {
    ...form,
    expiresAt: draft.expiresAt === undefined ? "" : form.expiresAt,
    storeId: draft.storeName ?? draft.storeId ?? "",
    source: "paste",
  };
}

export type DraftCheck =
  | { ok: true; draft: CouponDraft }
  | { ok: false; errors: FieldErrors<keyof CouponForm> };

/**
 * The reviewed fields back to a draft, with the form's own messages for what
 * is wrong. A date field left as it was keeps the draft's exact instant (the
 * field shows minutes; "Dec 31" ends at 23:59:59, not 23:59:00), so an
 * untouched draft still matches the same coupon already in the wallet.
 */
export function formToDraft(
  form: CouponForm,
  ctx: FormContext,
  original?: { draft: CouponDraft; form: CouponForm },
): DraftCheck {
  const r = validateCouponForm({ ...form, source: "paste" }, ctx);
  if (!r.ok) return { ok: false, errors: r.errors };
  const c = r.value;
  const draft = { kind: c.kind } as CouponDraft;
  if (c.off !== undefined) draft.off = c.off;
  if (c.percent !== undefined) draft.percent = c.percent;
  if (c.maxOff !== undefined) draft.maxOff = c.maxOff;
  draft.minSpend = c.minSpend;
  if (c.currency !== undefined) draft.currency = c.currency;
  if (c.validFrom !== undefined) draft.validFrom = c.validFrom;
  draft.expiresAt = c.expiresAt;
  if (original !== undefined) {
    if (form.expiresAt === original.form.expiresAt && original.draft.expiresAt !== undefined)
      draft.expiresAt = original.draft.expiresAt;
    if (form.validFrom === original.form.validFrom && original.draft.validFrom !== undefined)
      draft.validFrom = original.draft.validFrom;
  }
  if (c.kind === "store" && c.storeId !== undefined) draft.storeName = c.storeId;
  if (c.code !== undefined) draft.code = c.code;
  return { ok: true, draft };
}

/** The keys of the wallet's coupons (as they are, and as they were captured), to mark drafts already there. */
export function walletKeys(
  coupons: readonly (Parameters<typeof couponKey>[0] & { capturedKey?: string | undefined })[],
): Set<string> {
  const keys = new Set<string>();
  for (const c of coupons) {
    keys.add(couponKey(c));
    if (c.capturedKey !== undefined) keys.add(c.capturedKey);
  }
  return keys;
}

/** True when the wallet already holds this draft (the capture would add nothing). */
export function isAlreadyThere(draft: CouponDraft, keys: ReadonlySet<string>): boolean {
  const storeId =
    draft.storeId ?? (draft.storeName === undefined ? undefined : storeIdForName(draft.storeName));
  return keys.has(couponKey({ ...draft, storeId }));
}
