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
import { z } from "zod";
import { CartSchema, CouponSchema, ResultSchema } from "../../optimizer/schema";
import { MAX_PAGE_STATE_CHARS } from "../adapters/page-state-schema";
import { CheckoutPreferencesSchema } from "../checkout/preferences";
import { type MessageSpec, message } from "./define";

export { CART_PORT, PANEL_PORT } from "../checkout/ports";

/** 128 random bits in hex, made by the content script for each page it serves. */
export const ChannelSchema = z.string().regex(/^[0-9a-f]{32}$/, { error: "expected a channel id" });

const seq = () => z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

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
    state: z.string().max(MAX_PAGE_STATE_CHARS).nullable(),
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

/** Background -> panel, on PANEL_PORT. */
export const PanelUpdateSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("status"),
    page: z.enum(PAGE_KINDS),
    status: z.enum(PANEL_STATUSES),
    /** For people: why. */
    reason: z.string().max(2000),
    notes: z.array(z.string().max(2000)).max(200),
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
    oneOrder: z.object({ total: z.number().int().min(0), tax: z.number().int().min(0) }).optional(),
    notes: z.array(z.string().max(2000)).max(200),
  }),
]);
export type PanelUpdate = z.output<typeof PanelUpdateSchema>;
export type StackUpdate = Extract<PanelUpdate, { type: "stack" }>;

export const ApplyResultSchema = z.union([
  z.object({ ok: z.literal(true), actions: z.number().int().min(0) }),
  z.object({ ok: z.literal(false), reason: z.string(), missing: z.array(z.string()) }),
]);

const StackRef = z.object({ channel: ChannelSchema, stackId: seq() });

export const checkoutMessages = {
  /** Panel -> background: fill the shown stack into the checkout page's controls. */
  "checkout/apply": message(StackRef, ApplyResultSchema),
  /**
   * Panel -> background: the shopper placed order `order` of the shown stack.
   * Its coupons become used and its coins and points are deducted, in one transaction.
   */
  "checkout/placed": message(
    StackRef.extend({ order: z.number().int().min(0).max(19) }),
    z.object({
      usedCouponIds: z.array(z.string()),
      coinsBalance: z.number().int().min(0).optional(),
      pointsBalances: z.array(z.object({ storeId: z.string(), balance: z.number().int().min(0) })),
    }),
  ),
} satisfies Record<string, MessageSpec>;
