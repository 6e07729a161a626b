/**
 * Messages of the checkout half: content script -> background -> panel.
 *
 * Two long-lived ports carry the streams, paired by a random channel id that
 * the content script puts in the panel frame's address:
 * - CART_PORT, content script -> background: the page's reads. The content
 *   script never receives anything, so no wallet data can reach the page's
 *   process through it.
 * - PANEL_PORT, background -> panel: the stack (or the cart's status).
 * The panel's actions are requests in `checkoutMessages`, sent with the bus.
 * Every message is validated with these schemas on receipt.
 */

import { CartSchema, CouponSchema, MAX_CENTS, ResultSchema } from "../../optimizer/schema";
import { z } from "../../optimizer/zod";
import { MAX_PAGE_STATE_CHARS } from "../adapters/page-state-schema";
import type { CheckoutFigures, SummaryKind } from "../adapters/types";
import { MessageSchema } from "../core/message";
import { CheckoutPreferencesSchema } from "./checkout-preferences";
import { type MessageSpec, message } from "./define";

export { CART_PORT, PANEL_PORT } from "./ports";

/** 128 random bits in hex, made by the content script for each page it serves. */
export const ChannelSchema = z.string().check(z.regex(/^[0-9a-f]{32}$/, { error: "expected a channel id" }));

const seq = () => z.number().check(z.int(), z.gte(0), z.lte(Number.MAX_SAFE_INTEGER));

const countryCode = () => z.string().check(z.regex(/^[A-Z]{2}$/));
const currencyCode = () => z.string().check(z.regex(/^[A-Z]{3}$/));
const rateNumber = () => z.number().check(z.positive(), z.lte(1e9));

/** Where the tax destination came from (issue 13): the page's ship-to country wins over the options'. */
export const DestinationViewSchema = z.object({
  country: countryCode(),
  from: z.enum(["page", "setting"]),
  /** The options' country, when the page's differs from it. */
  setting: z.optional(countryCode()),
  /** A ship-to value on the page that could not be used, as the page wrote it. */
  pageProblem: z.optional(
    z.object({ kind: z.enum(["malformed", "unknown"]), text: z.string().check(z.maxLength(40)) }),
  ),
  /** The page's province code: no source shows its format, so it is not read as a state. */
  province: z.optional(z.string().check(z.maxLength(40))),
  /** The state the tax uses (from the options). */
  region: z.optional(z.string().check(z.maxLength(3))),
});
export type DestinationView = z.output<typeof DestinationViewSchema>;

/** The exchange rate the tax was converted with, and where it came from. */
export const RateViewSchema = z.object({
  rate: rateNumber(),
  ruleCurrency: currencyCode(),
  cartCurrency: currencyCode(),
  source: z.enum(["setting", "checkout"]),
  /** A calibrated rate: when its checkout was seen (ISO 8601). */
  date: z.optional(z.string().check(z.maxLength(40))),
  /** A calibrated rate shown on the very checkout it came from: its tax check is not independent. */
  sameCheckout: z.optional(z.boolean()),
});
export type RateView = z.output<typeof RateViewSchema>;

/** On a checkout whose rule is in another currency: what its own tax lines say of the rate. */
export const CalibrationViewSchema = z.object({
  outcome: z.enum([
    "rate",
    "proportional",
    "at-most",
    "at-least",
    "no-fit",
    "several",
    "discounts-differ",
    "no-lines",
  ]),
  ruleCurrency: currencyCode(),
  cartCurrency: currencyCode(),
  rate: z.optional(rateNumber()),
  low: z.optional(rateNumber()),
  high: z.optional(rateNumber()),
  /** "at-most" / "at-least": the one bound the lines give. */
  bound: z.optional(rateNumber()),
  /** Packages (stores) whose lines the rate does not reproduce. */
  disagree: z._default(z.array(z.string().check(z.maxLength(200))).check(z.maxLength(50)), []),
});
export type CalibrationView = z.output<typeof CalibrationViewSchema>;

const SUMMARY_KINDS = [
  "subtotal",
  "shipping",
  "store-discount",
  "store-coupon",
  "select-coupon",
  "platform-coupon",
  "promo-code",
  "coins",
  "points",
  "tax",
  "other",
] as const satisfies readonly SummaryKind[];

const signedCents = () => z.number().check(z.int(), z.gte(-MAX_CENTS), z.lte(MAX_CENTS));

/** What a checkout page charges (src/adapters/types.ts, CheckoutFigures). */
export const CheckoutFiguresSchema = z.object({
  source: z.enum(["api", "dom"]),
  currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
  total: signedCents(),
  tax: signedCents(),
  lines: z
    .array(
      z.object({
        title: z.string().check(z.maxLength(200)),
        kind: z.enum(SUMMARY_KINDS),
        cents: signedCents(),
      }),
    )
    .check(z.maxLength(200)),
  promo: z.nullable(
    z.object({ status: z.enum(["applied", "refused"]), message: z.string().check(z.maxLength(300)) }),
  ),
  update: seq(),
}) satisfies z.ZodMiniType<CheckoutFigures>;

/** Content script -> background, on CART_PORT. */
export const CartPortMessageSchema = z.discriminatedUnion("type", [
  /** First message of a connection: the channel of the page's panel (the page's address comes from the port's sender). */
  z.object({ type: z.literal("hello"), channel: ChannelSchema }),
  /**
   * A read that differs from the previous one: the page world's state copy as
   * text (null when no page script answered) and the adapter's capture of the
   * document (validated by the adapter's reader).
   */
  z.object({
    type: z.literal("read"),
    seq: seq(),
    state: z.nullable(z.string().check(z.maxLength(MAX_PAGE_STATE_CHARS))),
    dom: z.unknown(),
  }),
  /** The read a frame later saw exactly what read `seq` saw: the page has settled. */
  z.object({ type: z.literal("same"), seq: seq() }),
]);
export type CartPortMessage = z.output<typeof CartPortMessageSchema>;

/** Panel -> background, on PANEL_PORT: the only message, naming the page it shows. */
export const PanelHelloSchema = z.object({ type: z.literal("hello"), channel: ChannelSchema });

export const PAGE_KINDS = ["cart", "checkout"] as const;

export const PANEL_STATUSES = [
  /** The page is still loading or changing its cart. */
  "loading",
  /** No items, or only unavailable ones. */
  "empty",
  /** Items, but none ticked for checkout. */
  "none-selected",
  /** A cart is there but cannot be read with confidence. */
  "unreadable",
  /** The wallet or the optimizer failed. */
  "error",
] as const;
export type PanelStatus = (typeof PANEL_STATUSES)[number];

/** Lines the panel lists as not checked out; a page with more than this many is cut there. */
export const MAX_UNAVAILABLE = 200;

const UnavailableLineSchema = z.object({
  title: z.string().check(z.maxLength(1000)),
  reason: z.string().check(z.maxLength(1000)),
  itemId: z.optional(z.string().check(z.maxLength(40))),
  cartId: z.optional(z.string().check(z.maxLength(40))),
});

/** The page's own summary contradicts what Stackwise read (src/background/checkout/page-check.ts). */
export const PageMismatchSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("subtotal"),
    page: z.string().check(z.maxLength(1000)),
    pageCents: z.number().check(z.int()),
    ours: z.number().check(z.int()),
  }),
  z.object({
    kind: z.literal("count"),
    page: z.number().check(z.int(), z.gte(0)),
    ours: z.number().check(z.int(), z.gte(0)),
  }),
  z.object({
    kind: z.literal("currency"),
    page: z.string().check(z.maxLength(3)),
    ours: z.string().check(z.maxLength(3)),
  }),
]);

/** Background -> panel, on PANEL_PORT. */
export const PanelUpdateSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("status"),
    page: z.enum(PAGE_KINDS),
    status: z.enum(PANEL_STATUSES),
    /** For people: why; none while a page is first being read. */
    reason: z.optional(MessageSchema),
    notes: z.array(MessageSchema).check(z.maxLength(200)),
    /** An empty read of a page that has not shown every line: more may exist. */
    incomplete: z.optional(z.enum(["more-lines", "rows-only"])),
    /** Lines the page shows but will not check out. */
    unavailable: z.optional(z.array(UnavailableLineSchema).check(z.maxLength(MAX_UNAVAILABLE))),
  }),
  z.object({
    type: z.literal("stack"),
    /** Names this stack in "Apply" and "I placed this order", so a stale click is refused. */
    stackId: seq(),
    page: z.enum(PAGE_KINDS),
    /** The page's adapter can fill this stack into the page's controls. */
    canApply: z.boolean(),
    cart: CartSchema,
    result: ResultSchema,
    /** The wallet coupons the result names (in the stack or in `unused`), for labels and codes. */
    coupons: z.array(CouponSchema),
    preferences: CheckoutPreferencesSchema,
    /** A one-order stack shown while a cheaper split is still being searched. */
    refining: z.boolean(),
    /** With import tax and a split: the best one order after tax, for the split's saving. */
    oneOrder: z.optional(
      z.object({ total: z.number().check(z.int(), z.gte(0)), tax: z.number().check(z.int(), z.gte(0)) }),
    ),
    notes: z.array(MessageSchema).check(z.maxLength(200)),
    /** On a checkout: what the page itself charges, to hold the stack to. */
    checkout: z.optional(CheckoutFiguresSchema),
    /** The page has not shown every line: the stack covers the lines read, never the whole cart. */
    incomplete: z.optional(z.enum(["more-lines", "rows-only"])),
    /** Lines the page shows but will not check out, with its reasons. */
    unavailable: z.optional(z.array(UnavailableLineSchema).check(z.maxLength(MAX_UNAVAILABLE))),
    /** The page's own summary disagrees with the lines read. */
    mismatch: z.optional(PageMismatchSchema),
    /** With import tax: where the destination and the exchange rate came from. */
    destination: z.optional(DestinationViewSchema),
    taxRate: z.optional(RateViewSchema),
    calibration: z.optional(CalibrationViewSchema),
  }),
]);
export type PanelUpdate = z.output<typeof PanelUpdateSchema>;
export type StackUpdate = Extract<PanelUpdate, { type: "stack" }>;

/** The page's answer to "Apply" (the stack's promo code typed into the page's own field). */
export const ApplyResultSchema = z.object({
  state: z.enum(["applied", "refused", "nothing-to-apply", "failed"]),
  /** The whole sentence for people; a refusal carries the page's own words in it. */
  message: MessageSchema,
  code: z.optional(z.string().check(z.maxLength(200))),
});

const StackRef = z.object({ channel: ChannelSchema, stackId: seq() });

export const checkoutMessages = {
  /** Panel -> background: type the shown stack's promo code into the checkout page, and report the page's answer. */
  "checkout/apply": message(StackRef, ApplyResultSchema),
  /**
   * Panel -> background: the shopper placed order `order` of the shown stack.
   * Its coupons become used and its coins and points are deducted, in one transaction.
   */
  "checkout/placed": message(
    z.extend(StackRef, { order: z.number().check(z.int(), z.gte(0), z.lte(19)) }),
    z.object({
      usedCouponIds: z.array(z.string()),
      coinsBalance: z.optional(z.number().check(z.int(), z.gte(0))),
      pointsBalances: z.array(
        z.object({ storeId: z.string(), balance: z.number().check(z.int(), z.gte(0)) }),
      ),
    }),
  ),
} satisfies Record<string, MessageSpec>;
