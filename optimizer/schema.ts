/**
 * The optimizer's JSON contract (../shared/spec/optimizer-io.md), as Zod schemas.
 * These schemas are the single source of truth: the types below are inferred from
 * them, the command line and the extension validate with them, and the docs only
 * summarise them.
 */

import { formatPath } from "./errors";
import { TAX_NAMES } from "./tax-schema";
import { z } from "./zod";

const CENTS_MESSAGE = "expected a non-negative integer number of cents";

// Integers are checked with refine, not .int(): Zod's .int() aborts the parse, which would
// hide the cross-field problems (unknown stores, duplicate ids) from the same report.

/** Largest amount we accept anywhere: percent math multiplies by 10000 and must stay exact. */
export const MAX_CENTS = 900_000_000_000;

export const cents = () =>
  z
    .number({ error: CENTS_MESSAGE })
    .check(
      z.refine(Number.isInteger, { error: CENTS_MESSAGE }),
      z.gte(0, { error: CENTS_MESSAGE }),
      z.lte(MAX_CENTS, { error: `expected at most ${MAX_CENTS} cents` }),
    );

const positiveInt = (what: string) =>
  z
    .number({ error: `expected a positive integer ${what}` })
    .check(
      z.refine(Number.isInteger, { error: `expected a positive integer ${what}` }),
      z.gte(1, { error: `expected a positive integer ${what}` }),
    );

const count = (what: string) =>
  z
    .number({ error: `expected a non-negative integer ${what}` })
    .check(
      z.refine(Number.isInteger, { error: `expected a non-negative integer ${what}` }),
      z.gte(0, { error: `expected a non-negative integer ${what}` }),
      z.lte(MAX_CENTS, { error: `expected at most ${MAX_CENTS} ${what}` }),
    );

/** A percentage with at most two decimals, 0 < p <= 100 (stacking-rules.md, Money). */
export const percent = () =>
  z
    .number({ error: "expected a percentage: a number with at most two decimals, above 0 and at most 100" })
    .check(
      z.gt(0, { error: "expected a percentage above 0" }),
      z.lte(100, { error: "expected a percentage of at most 100" }),
      z.refine((p) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-7, {
        error: "expected a percentage with at most two decimals",
      }),
    );

const id = () =>
  z
    .string({ error: "expected a non-empty string id" })
    .check(z.minLength(1, { error: "expected a non-empty string id" }));

/** ISO 8601 with an explicit offset (Z or ±hh:mm); kept as the string, compared as epoch ms. */
export const instant = () =>
  z.iso.datetime({
    offset: true,
    error: "expected an ISO 8601 date-time with an offset, e.g. 2026-11-22T10:00:00Z",
  });

const currency = () =>
  z.string().check(z.regex(/^[A-Z]{3}$/, { error: "expected an ISO 4217 currency code such as USD" }));

export const ItemSchema = z.object({
  id: id(),
  title: z.optional(z.string()),
  storeId: id(),
  unitPrice: cents(),
  quantity: positiveInt("quantity"),
  selected: z._default(z.boolean(), true),
  selectEligible: z._default(z.boolean(), false),
});

export const ShippingSchema = z.object({
  fee: cents(),
  freeOver: z.optional(cents()),
});

export const PromotionTierSchema = z
  .object({
    minSpend: z.optional(cents()),
    minQuantity: z.optional(count("quantity")),
    off: z.optional(cents()),
    percent: z.optional(percent()),
    maxOff: z.optional(cents()),
  })
  .check(z.superRefine(exactlyOneAmount));

export const StoreSchema = z.object({
  id: id(),
  name: z.optional(z.string()),
  shipping: z.optional(ShippingSchema),
  promotions: z._default(z.array(PromotionTierSchema), []),
});

export const CartSchema = z.object({
  currency: currency(),
  items: z.array(ItemSchema),
  stores: z.array(StoreSchema),
});

export const COUPON_KINDS = ["platform", "promo", "store", "select"] as const;

export const CouponSchema = z
  .object({
    id: id(),
    kind: z.enum(COUPON_KINDS, { error: 'expected one of "platform", "promo", "store", "select"' }),
    code: z.optional(z.string().check(z.minLength(1, { error: "expected a non-empty code" }))),
    storeId: z.optional(id()),
    off: z.optional(cents()),
    percent: z.optional(percent()),
    maxOff: z.optional(cents()),
    minSpend: z._default(cents(), 0),
    validFrom: z.optional(instant()),
    expiresAt: instant(),
    currency: z.optional(currency()),
    status: z._default(z.enum(["active", "used"], { error: 'expected "active" or "used"' }), "active"),
    source: z.optional(z.string()),
  })
  .check(
    z.superRefine((c, ctx) => {
      exactlyOneAmount(c, ctx);
      if (c.kind === "promo" && c.code === undefined)
        ctx.addIssue({ code: "custom", path: ["code"], message: 'required for kind "promo"' });
      if (c.kind === "store" && c.storeId === undefined)
        ctx.addIssue({ code: "custom", path: ["storeId"], message: 'required for kind "store"' });
    }),
  );

export const CoinsSchema = z.object({
  balance: count("number of coins"),
  centsPerCoin: positiveInt("number of cents per coin"),
  maxPercent: z.optional(percent()),
});

export const PointsSchema = z.object({
  storeId: id(),
  balance: count("number of points"),
  centsPerPoint: positiveInt("number of cents per point"),
  minRedeem: z._default(count("number of points"), 0),
  maxPerOrder: z.optional(count("number of points")),
  expiresAt: z.optional(instant()),
});

export const WalletSchema = z.object({
  coupons: z._default(z.array(CouponSchema), []),
  coins: z.optional(CoinsSchema),
  points: z._default(z.array(PointsSchema), []),
});

export const RulesSchema = z.object({
  platformMinSpendBasis: z._default(
    z.enum(["discounted", "itemsSubtotal"], { error: 'expected "discounted" or "itemsSubtotal"' }),
    "discounted",
  ),
  /**
   * Whether order-level discounts reduce a package's taxed value; absent: the tax
   * rule's own default. Only read when `destination` is given.
   */
  discountsReduceBase: z.optional(z.boolean({ error: "expected true or false" })),
});

/** Where the packages go (issue 13): picks the import-tax rule. */
export const DestinationSchema = z.object({
  country: z
    .string()
    .check(z.regex(/^[A-Z]{2}$/, { error: "expected an ISO 3166-1 alpha-2 country code such as BR" })),
  region: z.optional(
    z.string().check(
      z.regex(/^[A-Z0-9]{1,3}$/, {
        error: "expected an ISO 3166-2 subdivision code without the country prefix, such as SP",
      }),
    ),
  ),
  /** Units of the rule's currency per unit of the cart's currency; needed only when they differ. */
  rate: z.optional(
    z.number({ error: "expected a positive exchange rate" }).check(
      z.positive({ error: "expected a positive exchange rate" }),
      z.lte(1e9, { error: "expected an exchange rate of at most 1e9" }),
      z.refine((r) => Number(r.toFixed(8)) === r, {
        error: "expected an exchange rate with at most 8 decimals",
      }),
    ),
  ),
});

export const OptionsSchema = z.object({
  maxOrders: z._default(
    z
      .number({ error: "expected an integer from 1 to 20" })
      .check(
        z.refine(Number.isInteger, { error: "expected an integer from 1 to 20" }),
        z.gte(1, { error: "expected an integer from 1 to 20" }),
        z.lte(20, { error: "expected an integer from 1 to 20" }),
      ),
    1,
  ),
  useCoins: z._default(z.boolean(), true),
  usePoints: z._default(z.boolean(), true),
  timeBudgetMs: z._default(
    z
      .number({ error: "expected a positive number of milliseconds" })
      .check(
        z.positive({ error: "expected a positive number of milliseconds" }),
        z.lte(60_000, { error: "expected at most 60000 milliseconds" }),
      ),
    100,
  ),
});

export const InputSchema = z
  .object({
    now: instant(),
    cart: CartSchema,
    wallet: z._default(WalletSchema, { coupons: [], points: [] }),
    rules: z._default(RulesSchema, { platformMinSpendBasis: "discounted" }),
    options: z._default(OptionsSchema, { maxOrders: 1, useCoins: true, usePoints: true, timeBudgetMs: 100 }),
    destination: z.optional(DestinationSchema),
  })
  // Cross-field checks run even when a field failed, so one pass reports every problem.
  .check(z.superRefine((input, ctx) => crossCheck(input as unknown, ctx), { when: () => true }));

/** Unique ids, items naming known stores, and a subtotal the integer math can carry. */
function crossCheck(raw: unknown, ctx: z.core.$RefinementCtx): void {
  const input = (raw ?? {}) as {
    cart?: { items?: unknown; stores?: unknown };
    wallet?: { coupons?: unknown; points?: unknown };
  };
  const list = (x: unknown): Record<string, unknown>[] =>
    Array.isArray(x)
      ? x.filter((e): e is Record<string, unknown> => typeof e === "object" && e !== null)
      : [];
  const items = list(input.cart?.items);
  const stores = list(input.cart?.stores);
  checkUnique(items, (i) => i.id, ["cart", "items"], "id", ctx);
  checkUnique(stores, (s) => s.id, ["cart", "stores"], "id", ctx);
  checkUnique(list(input.wallet?.coupons), (c) => c.id, ["wallet", "coupons"], "id", ctx);
  checkUnique(list(input.wallet?.points), (p) => p.storeId, ["wallet", "points"], "storeId", ctx);
  if (!Array.isArray(input.cart?.stores)) return;
  const storeIds = new Set(stores.map((s) => s.id));
  let subtotal = 0;
  (Array.isArray(input.cart?.items) ? (input.cart.items as unknown[]) : []).forEach((item, i) => {
    if (typeof item !== "object" || item === null) return;
    const { storeId, unitPrice, quantity } = item as Record<string, unknown>;
    if (typeof storeId === "string" && !storeIds.has(storeId))
      ctx.addIssue({
        code: "custom",
        path: ["cart", "items", i, "storeId"],
        message: `names no store in cart.stores ("${storeId}")`,
      });
    if (typeof unitPrice === "number" && typeof quantity === "number") subtotal += unitPrice * quantity;
  });
  if (subtotal > MAX_CENTS)
    ctx.addIssue({
      code: "custom",
      path: ["cart", "items"],
      message: `line totals add up to more than the supported ${MAX_CENTS} cents`,
    });
}

export type Input = z.output<typeof InputSchema>;
export type Cart = Input["cart"];
export type Item = Cart["items"][number];
export type Store = Cart["stores"][number];
export type PromotionTier = Store["promotions"][number];
export type Wallet = Input["wallet"];
export type Coupon = Wallet["coupons"][number];
export type CouponKind = Coupon["kind"];
export type Coins = NonNullable<Wallet["coins"]>;
export type Points = Wallet["points"][number];
export type Rules = Input["rules"];
export type Options = Input["options"];
export type Destination = z.output<typeof DestinationSchema>;

// ---------------------------------------------------------------- output

export const UNUSED_REASONS = [
  "used",
  "expired",
  "not-started",
  "currency",
  "store-not-in-cart",
  "min-spend",
  "slot-taken",
  "not-better",
] as const;

const AppliedCouponSchema = z.object({ couponId: z.string(), amount: cents() });

export const OrderResultSchema = z.object({
  itemIds: z.array(z.string()),
  itemsSubtotal: cents(),
  sellerPromotions: z.array(z.object({ storeId: z.string(), amount: cents() })),
  storeCoupons: z.array(z.object({ couponId: z.string(), storeId: z.string(), amount: cents() })),
  selectCoupon: z.nullable(AppliedCouponSchema),
  platformCoupon: z.nullable(AppliedCouponSchema),
  points: z.array(z.object({ storeId: z.string(), points: count("number of points"), amount: cents() })),
  coins: z.object({ coins: count("number of coins"), amount: cents() }),
  shipping: cents(),
  /** With a modelled destination only: one package per store of the order, in cart.stores order. */
  packages: z.optional(
    z.array(
      z.object({
        storeId: z.string(),
        taxes: z.array(z.object({ name: z.enum(TAX_NAMES), amount: cents() })),
      }),
    ),
  ),
  /** With a modelled destination only: the packages' tax, included in `total`. */
  tax: z.optional(cents()),
  total: cents(),
});

export const TaxNoteSchema = z.object({
  code: z.enum(["no-rule", "no-rate", "rule"]),
  message: z.string(),
});

export const UnusedSchema = z.object({
  couponId: z.string(),
  reason: z.enum(UNUSED_REASONS),
  shortfall: z.optional(cents()),
});

export const ResultSchema = z.object({
  currency: z.string(),
  baseline: cents(),
  total: cents(),
  savings: z.number().check(z.int()),
  optimal: z.boolean(),
  orders: z.array(OrderResultSchema),
  unused: z.array(UnusedSchema),
  /** What a shop's own auto-pick would charge (one order, largest coupon per slot). */
  greedyTotal: cents(),
  /**
   * Only when the input has a `destination`: the tax of all orders (0 when not
   * modelled), included in `total`, `baseline` and `greedyTotal`; the rule used; and
   * why the tax is not modelled or what the rule assumes.
   */
  tax: z.optional(cents()),
  taxModelled: z.optional(z.boolean()),
  taxRule: z.optional(
    z.object({ id: z.string(), currency: z.string(), confidence: z.string(), source: z.string() }),
  ),
  taxNotes: z.optional(z.array(TaxNoteSchema)),
});

export type OrderResult = z.output<typeof OrderResultSchema>;
export type Unused = z.output<typeof UnusedSchema>;
export type UnusedReason = Unused["reason"];
export type Result = z.output<typeof ResultSchema>;

// ---------------------------------------------------------------- helpers

function exactlyOneAmount(
  c: { off?: number | undefined; percent?: number | undefined; maxOff?: number | undefined },
  ctx: z.core.$RefinementCtx,
): void {
  if ((c.off === undefined) === (c.percent === undefined))
    ctx.addIssue({
      code: "custom",
      path: c.off === undefined ? [] : ["percent"],
      message: "expected exactly one of off or percent",
    });
  if (c.maxOff !== undefined && c.percent === undefined)
    ctx.addIssue({ code: "custom", path: ["maxOff"], message: "allowed only with percent" });
}

/** Reports every repeated key of a list, each pointing at the first one; non-string keys are skipped. */
export function checkUnique<T>(
  list: readonly T[],
  key: (t: T) => unknown,
  path: (string | number)[],
  field: string,
  ctx: z.core.$RefinementCtx,
): void {
  const seen = new Map<string, number>();
  list.forEach((t, i) => {
    const k = key(t);
    if (typeof k !== "string") return;
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else
      ctx.addIssue({
        code: "custom",
        path: [...path, i, field],
        message: `duplicate ${field} "${k}" (first at ${formatPath(path)}[${first}])`,
      });
  });
}
// ---------------------------------------------------------------- a stack to evaluate

/** A coupon reference: its id, or an applied-coupon object of a result. */
const couponRef = z.union([
  z.string().check(z.minLength(1)),
  z.pipe(
    z.object({ couponId: z.string().check(z.minLength(1)) }),
    z.transform((c) => c.couponId),
  ),
]);

/**
 * A stack to price and check: the split into orders and the coupon in each slot.
 * A result's `orders` are accepted as they are, so any result can be re-checked.
 */
export const StackSchema = z.object({
  orders: z.array(
    z.object({
      itemIds: z.array(z.string()).check(z.minLength(1, { error: "an order needs at least one item" })),
      storeCoupons: z._default(z.array(couponRef), []),
      selectCoupon: z._default(z.nullable(couponRef), null),
      platformCoupon: z._default(z.nullable(couponRef), null),
    }),
  ),
});
export type Stack = z.output<typeof StackSchema>;
