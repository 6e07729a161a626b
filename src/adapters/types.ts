/**
 * One adapter per marketplace: everything Stackwise knows about a site's
 * pages lives behind this interface (in the spirit of per-site autofill
 * adapters), so the content scripts, panel and background stay generic.
 *
 * Adapters are pure functions of what the page shows: a document and a plain
 * copy of page state. They never call `browser.*`, never fetch, and never
 * keep state between calls, so they run the same in a content script and in
 * a unit test on a saved page.
 */
import type { Cart } from "../../optimizer/schema";
import type { Message } from "../core/message";
import type { PageStateSnapshot } from "./page-state";

/** What one read of a page sees. */ import type { ShipTo } from "./ship-to";

export interface PageInput {
  /** The page's address (decides nothing by itself: call `matches` first). */
  url: string;
  /** The live or saved document; absent when only page state is available. */
  document?: Document;
  /** A copy of page state taken in the page's world (see page-state.ts); absent when none was taken. */
  pageState?: PageStateSnapshot;
  /**
   * On checkout pages: the page's own API responses captured in its world
   * (src/content/checkout/checkout-api.ts), as JSON text. Untrusted: the reader validates it.
   */
  apiState?: string | null;
  /**
   * What the content script captured of the document (e.g. `aliexpress-capture.ts`),
   * when the reader runs away from the page. Untrusted JSON: the reader validates it.
   * Taken instead of `document` when both are given.
   */
  dom?: unknown;
}

/** Where a cart line came from, so the shopper's page can be pointed at or changed later. */
export interface LineRef {
  /** The optimizer item id (`cart.items[].id`). */
  id: string;
  /** The marketplace's product id (digits, kept as a string); "" when the page sent none usable (noted). */
  itemId: string;
  /** Variant id, when the source shows it (digits; beyond 2^53 on AliExpress, hence a string). */
  skuId?: string;
  /** The cart line id, when the source shows it. */
  cartId?: string;
  /** The variant as written on the page ("Color: Black"), "" when the product has none. */
  skuInfo: string;
}

/** A line the shop will not check out (sold out, delisted, not shippable): shown, never counted. */
export interface UnavailableLine {
  title: string;
  /** The page's own reason ("Sold out"), plain text; "" when the page gives none. */
  reason: string;
  itemId?: string;
  cartId?: string;
}

/**
 * What the page's own summary says about the ticked lines, for comparing with
 * what Stackwise read (src/background/checkout/page-check.ts). Display strings are kept as
 * written; cents only where they parse in the summary's currency.
 */
export interface PageSummary {
  /** The pay currency the page names (`payCurrencyCode`); absent when it names none. */
  currency?: string;
  /** The items subtotal of the ticked lines, before discounts and shipping. */
  subtotal?: { text: string; cents?: number };
  /** How many lines the page counts as ticked. */
  selectedCount?: number;
}

/**
 * Why a read may not hold every line of the cart:
 * - "more-lines": the page says more lines exist that it has not loaded yet
 *   (a pagination node with `hasMore`), or cannot say there are none;
 * - "rows-only": read from the page's rows, which hold only what is on
 *   screen, and the page does not show how many lines there are.
 */
export type Incomplete = "more-lines" | "rows-only";

export type CartReadStatus =
  /** Still hydrating (loaders showing, or no cart yet): read again later. */
  | "loading"
  /** Nothing to buy: no lines, or only unavailable ones. */
  | "empty"
  /** A cart is there but cannot be read with confidence. Never a guessed cart instead. */
  | "unreadable";

export type CartRead =
  | {
      ok: true;
      /** Valid lines only, in page order; stores in the order their lines appear. Passes `CartSchema`. */
      cart: Cart;
      /**
       * Page state when it was complete and consistent; the DOM rows otherwise;
       * "checkout" for a checkout page's lines priced with the cart page's terms.
       */
      source: "page-state" | "dom" | "checkout";
      /** One entry per `cart.items` entry, same order. */
      lines: LineRef[];
      /** What was left out or assumed, for people (dropped lines, missing shipping terms...). */
      notes: Message[];
      /** Equal for equal carts: compare two reads to know the page has settled. */
      signature: string;
      /**
       * Page state and the page's rows, taken in the same task, show the same
       * lines (products, variants, quantities, ticks, prices). Once a page has
       * finished hydrating, such a read can be trusted without waiting for a
       * second one: the site keeps the two apart, and a page caught midway
       * through a change shows them disagreeing.
       */
      corroborated?: boolean;
      /** On a checkout page: what the page itself charges, for the panel to hold the stack to. */
      checkout?: CheckoutFigures;
      /** Set when the read may not hold every line: its figures cover the lines read, never the whole cart. */
      incomplete?: Incomplete;
      /** Lines the page shows but will not check out, with its reasons; never in `cart`. */
      unavailable?: UnavailableLine[];
      /** The page's own summary of the ticked lines, when it has one. */
      pageSummary?: PageSummary;
      /** Where the page ships to (its settings cookie), when it has the cookie. */
      shipTo?: ShipTo;
    }
  | {
      ok: false;
      status: CartReadStatus;
      /** Why, for people and logs. */
      reason: Message;
      notes: Message[];
      /** An "empty" read of a page that has not shown every line: more may exist. */
      incomplete?: Incomplete;
      /** Lines the page shows but will not check out (an "empty" cart may hold some). */
      unavailable?: UnavailableLine[];
    };

/** What a checkout summary line is about, from its title. */
export type SummaryKind =
  | "subtotal"
  | "shipping"
  | "store-discount"
  | "store-coupon"
  | "select-coupon"
  | "platform-coupon"
  | "promo-code"
  | "coins"
  | "points"
  | "tax"
  | "other";

/** What a checkout page says it charges, read from its API responses or its summary. */
export interface CheckoutFigures {
  /** "api": the page's renderorder/adjustorder responses; "dom": its summary rows and total. */
  source: "api" | "dom";
  currency: string;
  /** The order total the page shows, cents. */
  total: number;
  /** Its taxes and duties (VAT, IVA, ICMS, import tax, duty, "Additional charges"), cents; 0 when none. */
  tax: number;
  /** Summary lines with an amount, in page order; discounts negative. */
  lines: { title: string; kind: SummaryKind; cents: number }[];
  /** The page's answer to the last promo code, when it gave one. */
  promo: { status: "applied" | "refused"; message: string } | null;
  /** Counts the page's responses: a new one is a new answer even when the figures are the same. */
  update: number;
}

/** The page's answer to "Apply" (the stack's promo code), as the panel reports it. */
export interface PromoApplyResult {
  state: "applied" | "refused" | "nothing-to-apply" | "failed";
  /**
   * For people: the page's own words when it refused (as a substitution of
   * `adapter_pageSays`), or why Stackwise could not apply.
   */
  message: Message;
  code?: string;
}

/** Changes to make on the cart page, by optimizer item id. */
export interface CartChanges {
  /** Tick (true) or untick (false) lines, e.g. to check out one order of a split. */
  select?: Record<string, boolean>;
  quantity?: Record<string, number>;
}

export type ApplyResult =
  | {
      ok: true;
      /** Controls clicked or typed into. The page updates asynchronously: read again to confirm. */
      actions: number;
    }
  | { ok: false; reason: Message; missing: string[] };

/** A cart read earlier on the same site: a checkout page is priced with its store terms. */
export interface CartSnapshot {
  cart: Cart;
  lines: LineRef[];
}

/** One order's coupons, coins and points, as a checkout's own controls take them. */
export interface StackChoices {
  /** One coupon per store slot. A store the checkout shows but this list omits gets none. */
  storeCoupons: { storeId: string; couponId: string }[];
  selectCouponId: string | null;
  /** The platform slot: a platform coupon picked by id, or a promo code typed in. */
  platform: { kind: "coupon"; couponId: string } | { kind: "code"; couponId: string; code: string } | null;
  useCoins: boolean;
  usePoints: boolean;
}

/**
 * What an adapter can do on a checkout page. A checkout shows one order, its
 * lines, stores and shipping, but not the store terms (promotions) or store
 * ids that store coupons name: those come from the last cart read on the same
 * site when it covers the checkout, and the read says so when it does not.
 */
export interface CheckoutSupport {
  /** True for the checkout pages this adapter knows. */
  matches(url: string): boolean;
  /** The checkout's lines as a cart, every line selected, with the page's own figures. Never throws. */
  readCheckout(page: PageInput, lastCart: CartSnapshot | undefined): CartRead;
  /**
   * Types the stack's promo code into the page's own promo-code field, as the
   * shopper would, presses its apply button and waits for the page's answer.
   * Nothing else is touched: store and AliExpress coupons are picked by the
   * shopper, and the pay button never. Self-contained on purpose: the
   * background runs it in the page with `scripting.executeScript`, which sends
   * the function's source only, so it uses nothing but its argument and the
   * page's `document`. Never rejects.
   */
  applyStack(choices: StackChoices): Promise<PromoApplyResult>;
}

export interface SiteAdapter {
  /** Stable id, e.g. "aliexpress". */
  readonly id: string;
  /** Name for people. */
  readonly name: string;
  /** True for pages whose cart this adapter reads. */
  matches(url: string): boolean;
  /** Reads the cart from what the page shows. Never throws. */
  readCart(page: PageInput): CartRead;
  /** Operates the page's own controls, as the shopper would. Never throws. */
  apply?(page: PageInput, changes: CartChanges): ApplyResult;
  /** Checkout pages, when the adapter can read them (and fill in a stack). */
  checkout?: CheckoutSupport;
}
