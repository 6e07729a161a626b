/**
 * Wallet forms: what the user types (strings, in their locale and time zone)
 * to coupons, coins and points in the optimizer's shapes, or one message per
 * field. The optimizer's schemas run last, so a form can never produce
 * something the optimizer or the store would refuse.
 */
import {
  COUPON_KINDS,
  type Coins,
  CoinsSchema,
  type Coupon,
  CouponSchema,
  type Points,
  PointsSchema,
} from "../../optimizer/schema";
import { type InstantLike, localDateTime, parseLocalDateTime, toEpochMs } from "../core/calendar";
import { type Message, type MessageKey, message } from "../core/message";
import { isKnownCurrency, moneyInputText, parseDecimal, parseTypedAmount } from "../core/money";
import { COUPON_SOURCES } from "./coupons";

/** One message per field, in the catalogue's words (the UI renders them in the user's language). */
export type FieldErrors<F extends string> = Partial<Record<F | "form", Message>>;

export type FormResult<T, F extends string> =
  | { ok: true; value: T; warnings: FieldErrors<F> }
  | { ok: false; errors: FieldErrors<F>; warnings: FieldErrors<F> };

export interface FormContext {
  /** Zone in which typed dates without an offset are read. */
  timeZone: string;
  locale?: string;
  /** For warnings such as "already expired". */
  now?: InstantLike;
}

export interface CouponForm {
  kind: string;
  /** "fixed" or "percent". */
  amountType: string;
  /** Fixed amount, in the currency's major unit ("5.00"). */
  amount: string;
  percent: string;
  /** Optional cap of a percent coupon, major unit. */
  maxOff: string;
  /** Optional; empty means no minimum. */
  minSpend: string;
  /** Optional; "YYYY-MM-DD", "YYYY-MM-DDTHH:mm" (local) or ISO with offset. */
  validFrom: string;
  /** Required; a bare date means the end of that day. */
  expiresAt: string;
  currency: string;
  /** Required for store coupons, ignored for other kinds. */
  storeId: string;
  /** Required for promo coupons. */
  code: string;
  /** One of COUPON_SOURCES; empty means "manual". */
  source: string;
}

export type CouponField = keyof CouponForm;

export function emptyCouponForm(currency = "USD"): CouponForm {
  return {
    kind: "platform",
    amountType: "fixed",
    amount: "",
    percent: "",
    maxOff: "",
    minSpend: "",
    validFrom: "",
    expiresAt: "",
    currency,
    storeId: "",
    code: "",
    source: "manual",
  };
}

function newId(): string {
  return (
    globalThis.crypto?.randomUUID?.() ?? `c-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
  );
}

function parsePercent(
  text: string,
  locale?: string,
): { ok: true; value: number } | { ok: false; message: Message } {
  const r = parseDecimal(text.replace(/%\s*$/, ""), 2, locale);
  if (!r.ok)
    return {
      ok: false,
      message: r.message.key === "wallet_amountMissing" ? message("wallet_percentMissing") : r.message,
    };
  if (r.units === 0) return { ok: false, message: message("wallet_percentZero") };
  if (r.units > 10_000) return { ok: false, message: message("wallet_percentOver100") };
  return { ok: true, value: r.units / 100 };
}

/**
 * The form's result: its own errors if it has any, else what the schema makes
 * of the value, a schema refusal said as a plain sentence on the field it
 * concerns (the optimizer's schema speaks English to developers).
 */
function finish<T, F extends string>(
  schema: {
    safeParse(
      value: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: readonly { path: readonly PropertyKey[] }[] } };
  },
  value: unknown,
  form: object,
  errors: FieldErrors<F>,
  warnings: FieldErrors<F>,
): FormResult<T, F> {
  if (Object.keys(errors).length > 0) return { ok: false, errors, warnings };
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data, warnings };
  const fields = Object.keys(form);
  for (const issue of parsed.error.issues) {
    const head = String(issue.path[0] ?? "");
    const key = (fields.includes(head) ? head : "form") as F | "form";
    errors[key] ??= message("wallet_valueRefused");
  }
  return { ok: false, errors, warnings };
}

/**
 * Validates the coupon form. `existing` keeps the id and status of the
 * coupon being edited; a new coupon gets a fresh id and status "active".
 */
export function validateCouponForm(
  form: CouponForm,
  ctx: FormContext,
  existing?: Pick<Coupon, "id" | "status">,
): FormResult<Coupon, CouponField> {
  const errors: FieldErrors<CouponField> = {};
  const warnings: FieldErrors<CouponField> = {};
  const { locale, timeZone } = ctx;

  const kind = form.kind.trim();
  if (!(COUPON_KINDS as readonly string[]).includes(kind)) errors.kind = message("wallet_kindMissing");

  const currency = form.currency.trim().toUpperCase();
  if (currency === "") errors.currency = message("wallet_currencyMissing");
  else if (!isKnownCurrency(currency))
    errors.currency = message("wallet_currencyUnknown", form.currency.trim());
  const cur = errors.currency === undefined ? currency : "USD";

  const coupon: Record<string, unknown> = {
    id: existing?.id ?? newId(),
    kind,
    status: existing?.status ?? "active",
    currency,
  };

  if (form.amountType === "fixed") {
    const r = parseTypedAmount(form.amount, cur, locale);
    if (!r.ok) errors.amount = r.message;
    else if (r.units === 0) errors.amount = message("wallet_amountZero");
    else coupon.off = r.units;
  } else if (form.amountType === "percent") {
    const p = parsePercent(form.percent, locale);
    if (!p.ok) errors.percent = p.message;
    else coupon.percent = p.value;
    if (form.maxOff.trim() !== "") {
      const m = parseTypedAmount(form.maxOff, cur, locale);
      if (!m.ok) errors.maxOff = m.message;
      else if (m.units === 0) errors.maxOff = message("wallet_maxOffZero");
      else coupon.maxOff = m.units;
    }
  } else errors.amountType = message("wallet_amountTypeMissing");

  if (form.minSpend.trim() === "") coupon.minSpend = 0;
  else {
    const r = parseTypedAmount(form.minSpend, cur, locale);
    if (!r.ok) errors.minSpend = r.message;
    else coupon.minSpend = r.units;
  }
  if (
    typeof coupon.off === "number" &&
    typeof coupon.minSpend === "number" &&
    coupon.minSpend > 0 &&
    coupon.off > coupon.minSpend
  )
    warnings.amount = message("wallet_offAboveMinSpend");

  let fromMs: number | null = null;
  if (form.validFrom.trim() !== "") {
    fromMs = parseLocalDateTime(form.validFrom, timeZone);
    if (fromMs === null) errors.validFrom = message("wallet_dateInvalid");
    else coupon.validFrom = new Date(fromMs).toISOString();
  }
  if (form.expiresAt.trim() === "") errors.expiresAt = message("wallet_expiryMissing");
  else {
    const toMs = parseLocalDateTime(form.expiresAt, timeZone, { endOfDay: true });
    if (toMs === null) errors.expiresAt = message("wallet_dateInvalid");
    else {
      coupon.expiresAt = new Date(toMs).toISOString();
      if (fromMs !== null && fromMs >= toMs) errors.validFrom = message("wallet_startAfterExpiry");
      if (ctx.now !== undefined && toMs <= toEpochMs(ctx.now))
        warnings.expiresAt = message("wallet_couponExpired");
    }
  }

  const storeId = form.storeId.trim();
  if (kind === "store") {
    if (storeId === "") errors.storeId = message("wallet_storeMissing");
    else coupon.storeId = storeId;
  }
  const code = form.code.trim();
  if (code !== "") {
    if (/\s/.test(code)) errors.code = message("wallet_codeSpaces");
    else coupon.code = code;
  } else if (kind === "promo") errors.code = message("wallet_codeMissing");

  const source = form.source.trim() || "manual";
  if (!(COUPON_SOURCES as readonly string[]).includes(source))
    errors.source = message("wallet_sourceMissing");
  else coupon.source = source;

  return finish(CouponSchema, coupon, form, errors, warnings);
}

/** The form prefilled from a stored coupon, for editing. */
export function couponToForm(
  c: Coupon,
  ctx: Pick<FormContext, "timeZone" | "locale">,
  currency = "USD",
): CouponForm {
  const cur = c.currency ?? currency;
  const money = (v: number | undefined) => (v === undefined ? "" : moneyInputText(v, cur, ctx.locale));
  return {
    kind: c.kind,
    amountType: c.percent !== undefined ? "percent" : "fixed",
    amount: money(c.off),
    percent: c.percent === undefined ? "" : String(c.percent),
    maxOff: money(c.maxOff),
    minSpend: c.minSpend > 0 ? money(c.minSpend) : "",
    validFrom: c.validFrom === undefined ? "" : localDateTime(c.validFrom, ctx.timeZone),
    expiresAt: localDateTime(c.expiresAt, ctx.timeZone),
    currency: cur,
    storeId: c.storeId ?? "",
    code: c.code ?? "",
    source: c.source ?? "manual",
  };
}

/** What each count field says when it is empty, and when it is not a whole number. */
const COUNT_TEXTS = {
  coins: ["wallet_coinsMissing", "wallet_coinsWhole"],
  centsPerCoin: ["wallet_centsPerCoinMissing", "wallet_centsPerCoinWhole"],
  points: ["wallet_pointsMissing", "wallet_pointsWhole"],
  centsPerPoint: ["wallet_centsPerPointMissing", "wallet_centsPerPointWhole"],
  minPoints: ["wallet_minPointsMissing", "wallet_minPointsWhole"],
  maxPoints: ["wallet_maxPointsMissing", "wallet_maxPointsWhole"],
} as const satisfies Record<string, readonly [MessageKey, MessageKey]>;

function parseCount(
  text: string,
  what: keyof typeof COUNT_TEXTS,
  locale?: string,
): { ok: true; value: number } | { ok: false; message: Message } {
  const [missing, notWhole] = COUNT_TEXTS[what];
  if (text.trim() === "") return { ok: false, message: message(missing) };
  const r = parseDecimal(text, 0, locale);
  if (!r.ok) return { ok: false, message: message(notWhole) };
  return { ok: true, value: r.units };
}

type Parsed = { ok: true; value: number } | { ok: false; message: Message };

/** A parsed field goes on the value, or its message on the field. */
function take<F extends string>(
  r: Parsed,
  field: F,
  value: Record<string, unknown>,
  errors: FieldErrors<F>,
): void {
  if (r.ok) value[field] = r.value;
  else errors[field] = r.message;
}

/** What one coin or point is worth: whole cents, more than none. */
function parseWorth(text: string, what: "centsPerCoin" | "centsPerPoint", locale?: string): Parsed {
  const r = parseCount(text, what, locale);
  if (!r.ok || r.value > 0) return r;
  return {
    ok: false,
    message: message(what === "centsPerCoin" ? "wallet_coinWorthZero" : "wallet_pointWorthZero"),
  };
}

export interface CoinsForm {
  balance: string;
  /** Whole cents one coin is worth. */
  centsPerCoin: string;
  /** Largest share of an order coins may pay, in percent; empty for no limit. */
  maxPercent: string;
}
export type CoinsField = keyof CoinsForm;

export function validateCoinsForm(
  form: CoinsForm,
  ctx: Pick<FormContext, "locale"> = {},
): FormResult<Coins, CoinsField> {
  const errors: FieldErrors<CoinsField> = {};
  const coins: Record<string, unknown> = {};
  take(parseCount(form.balance, "coins", ctx.locale), "balance", coins, errors);
  take(parseWorth(form.centsPerCoin, "centsPerCoin", ctx.locale), "centsPerCoin", coins, errors);
  if (form.maxPercent.trim() !== "") {
    const p = parsePercent(form.maxPercent, ctx.locale);
    if (p.ok) coins.maxPercent = p.value;
    else errors.maxPercent = p.message;
  }
  return finish(CoinsSchema, coins, form, errors, {});
}

export interface PointsForm {
  storeId: string;
  balance: string;
  centsPerPoint: string;
  /** Fewest points a redemption needs; empty for none. */
  minRedeem: string;
  /** Most points one order may use; empty for no limit. */
  maxPerOrder: string;
  /** Optional expiry of the balance. */
  expiresAt: string;
}
export type PointsField = keyof PointsForm;

export function validatePointsForm(form: PointsForm, ctx: FormContext): FormResult<Points, PointsField> {
  const errors: FieldErrors<PointsField> = {};
  const warnings: FieldErrors<PointsField> = {};
  const points: Record<string, unknown> = {};
  const storeId = form.storeId.trim();
  if (storeId === "") errors.storeId = message("wallet_pointsStoreMissing");
  else points.storeId = storeId;
  take(parseCount(form.balance, "points", ctx.locale), "balance", points, errors);
  take(parseWorth(form.centsPerPoint, "centsPerPoint", ctx.locale), "centsPerPoint", points, errors);
  if (form.minRedeem.trim() === "") points.minRedeem = 0;
  else {
    const r = parseCount(form.minRedeem, "minPoints", ctx.locale);
    if (r.ok) points.minRedeem = r.value;
    else errors.minRedeem = r.message;
  }
  if (form.maxPerOrder.trim() !== "") {
    const r = parseCount(form.maxPerOrder, "maxPoints", ctx.locale);
    if (r.ok) points.maxPerOrder = r.value;
    else errors.maxPerOrder = r.message;
  }
  if (
    typeof points.maxPerOrder === "number" &&
    typeof points.minRedeem === "number" &&
    points.maxPerOrder < points.minRedeem
  )
    errors.maxPerOrder = message("wallet_maxBelowMin");
  if (form.expiresAt.trim() !== "") {
    const ms = parseLocalDateTime(form.expiresAt, ctx.timeZone, { endOfDay: true });
    if (ms === null) errors.expiresAt = message("wallet_dateInvalid");
    else {
      points.expiresAt = new Date(ms).toISOString();
      if (ctx.now !== undefined && ms <= toEpochMs(ctx.now))
        warnings.expiresAt = message("wallet_pointsExpired");
    }
  }
  return finish(PointsSchema, points, form, errors, warnings);
}
