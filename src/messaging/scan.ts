/**
 * Messages of page scanning: content script -> background -> scan panel, the
 * same pattern as the cart's (checkout.ts): the content script only sends on
 * SCAN_PORT, the background answers the page's panel (an extension page in a
 * frame the shop cannot read) on SCAN_PANEL_PORT, and the panel's two actions
 * are requests of the table. Everything is validated on receipt.
 */

import { cents, instant } from "../../optimizer/schema";
import { z } from "../../optimizer/zod";
import { SCAN_KINDS } from "../adapters/scan-pages";
import { MessageSchema } from "../core/message";
import { CouponDraftSchema } from "../wallet/captured";
import { ChannelSchema } from "./checkout";
import { type MessageSpec, message } from "./define";
import { MAX_BLOCK_TEXT, MAX_BLOCKS, MAX_PAGE_TEXT, MAX_STATE_CHARS } from "./ports";

export { SCAN_PANEL_PORT, SCAN_PORT } from "./ports";

const seq = () => z.number().check(z.int(), z.gte(0), z.lte(Number.MAX_SAFE_INTEGER));

/** Content script -> background, on SCAN_PORT. */
export const ScanPortMessageSchema = z.discriminatedUnion("type", [
  /** First message: the panel's channel and the kind of page (checked against the port's address). */
  z.object({ type: z.literal("hello"), channel: ChannelSchema, kind: z.enum(SCAN_KINDS) }),
  /** A reading that differs from the previous one (src/content/scan/serve.ts, ScanCapture). */
  z.object({
    type: z.literal("capture"),
    seq: seq(),
    world: z.nullable(z.string().check(z.maxLength(MAX_STATE_CHARS))),
    text: z.string().check(z.maxLength(MAX_PAGE_TEXT)),
    blocks: z.array(z.string().check(z.maxLength(MAX_BLOCK_TEXT))).check(z.maxLength(MAX_BLOCKS)),
    store: z.nullable(
      z.object({ id: z.string().check(z.regex(/^\d{1,20}$/)), name: z.string().check(z.maxLength(200)) }),
    ),
  }),
]);
export type ScanPortMessage = z.output<typeof ScanPortMessageSchema>;

/**
 * A coupon as read from a page: the capture's draft (the optimizer's coupon
 * without id, plus the store's name), with the expiry the scan only offers
 * coupons with.
 */
export const ScannedCouponSchema = z.extend(CouponDraftSchema, { minSpend: cents(), expiresAt: instant() });
export type ScannedCoupon = z.output<typeof ScannedCouponSchema>;

export const ScanFindingSchema = z.object({
  coupon: ScannedCouponSchema,
  /** Words of the coupon's text that were not understood. */
  unread: z.array(z.string().check(z.maxLength(500))).check(z.maxLength(50)),
  /** Read from the page's data (exact) or from its visible text. */
  from: z.enum(["data", "text"]),
  /** Already in the wallet: adding it changes nothing. */
  known: z.boolean(),
});
export type ScanFinding = z.output<typeof ScanFindingSchema>;

/** Longest text of an unreadable coupon carried to the panel: one coupon's words, never a page. */
export const MAX_UNREADABLE_TEXT = 500;
/** Most unreadable coupons listed at once. */
export const MAX_UNREADABLE = 50;

/** Text that looked like a coupon but was not read: the page's words, and why in the reader's language. */
export const ScanUnreadableSchema = z.object({
  text: z.string().check(z.maxLength(MAX_UNREADABLE_TEXT)),
  why: MessageSchema,
});
export type ScanUnreadable = z.output<typeof ScanUnreadableSchema>;

/** Background -> scan panel, on SCAN_PANEL_PORT. */
export const ScanUpdateSchema = z.discriminatedUnion("type", [
  /** Nothing read yet, or the page shows nothing Stackwise can use. */
  z.object({
    type: z.literal("waiting"),
    kind: z.enum(SCAN_KINDS),
    /** For people: why nothing is offered (empty while the page is still being read). */
    reason: z.string().check(z.maxLength(2000)),
  }),
  z.object({
    type: z.literal("coupons"),
    kind: z.enum(["product", "coupons"]),
    /** Names this reading in "Add": a click on an older list is refused. */
    scanId: seq(),
    /** Coupons in the shopper's account, ready to add. */
    found: z.array(ScanFindingSchema).check(z.maxLength(500)),
    /** Offered by the page but not collected yet: "collect on the page first". */
    toCollect: z.array(ScanFindingSchema).check(z.maxLength(500)),
    /** Text that looked like a coupon but could not be read, with why. */
    unreadable: z.array(ScanUnreadableSchema).check(z.maxLength(MAX_UNREADABLE)),
    /** The zone the page's dates were read in, for showing them. */
    timeZone: z.string().check(z.minLength(1), z.maxLength(100)),
  }),
  z.object({
    type: z.literal("coins"),
    scanId: seq(),
    /** The balance the page's coin answer gave. */
    balance: z.number().check(z.int(), z.gte(0)),
    /** What the page says the whole balance is worth, when it says. */
    worth: z.optional(z.object({ cents: cents(), currency: z.string().check(z.regex(/^[A-Z]{3}$/)) })),
    /** Cents a coin is counted at once confirmed, and whether that came from the page's figures. */
    centsPerCoin: z.number().check(z.int(), z.gte(1)),
    rate: z.enum(["page", "wallet", "default"]),
    /** The wallet's balance now, when it has one. */
    current: z.optional(z.number().check(z.int(), z.gte(0))),
  }),
]);
export type ScanUpdate = z.output<typeof ScanUpdateSchema>;

export const ScanPanelHelloSchema = z.object({ type: z.literal("hello"), channel: ChannelSchema });

const ScanRef = z.object({ channel: ChannelSchema, scanId: seq() });

export const scanMessages = {
  /**
   * Scan panel -> background: add these coupons of the shown list (indices
   * into `found`) to the wallet, in one transaction, as coming from a page.
   */
  "scan/add": message(
    z.extend(ScanRef, {
      picks: z.array(z.number().check(z.int(), z.gte(0), z.lte(499))).check(z.minLength(1), z.maxLength(500)),
    }),
    z.object({
      added: z.number().check(z.int(), z.gte(0)),
      alreadyThere: z.number().check(z.int(), z.gte(0)),
    }),
  ),
  /** Scan panel -> background: the shopper confirmed the shown coin balance. */
  "scan/coins": message(
    ScanRef,
    z.object({
      balance: z.number().check(z.int(), z.gte(0)),
      centsPerCoin: z.number().check(z.int(), z.gte(1)),
    }),
  ),
} satisfies Record<string, MessageSpec>;
