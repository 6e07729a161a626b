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
import type { PageStateSnapshot } from "./page-state";

/** What one read of a page sees. */
export interface PageInput {
  /** The page's address (decides nothing by itself: call `matches` first). */
  url: string;
  /** The live or saved document; absent when only page state is available. */
  document?: Document;
  /** A copy of page state taken in the page's world (see page-state.ts); absent when none was taken. */
  pageState?: PageStateSnapshot;
}

/** Where a cart line came from, so the shopper's page can be pointed at or changed later. */
export interface LineRef {
  /** The optimizer item id (`cart.items[].id`). */
  id: string;
  /** The marketplace's product id (digits, kept as a string). */
  itemId: string;
  /** Variant id, when the source shows it (digits; beyond 2^53 on AliExpress, hence a string). */
  skuId?: string;
  /** The cart line id, when the source shows it. */
  cartId?: string;
  /** The variant as written on the page ("Color: Black"), "" when the product has none. */
  skuInfo: string;
}

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
      /** Page state when it was complete and consistent; the DOM rows otherwise. */
      source: "page-state" | "dom";
      /** One entry per `cart.items` entry, same order. */
      lines: LineRef[];
      /** What was left out or assumed, for people (dropped lines, missing shipping terms...). */
      notes: string[];
      /** Equal for equal carts: compare two reads to know the page has settled. */
      signature: string;
    }
  | {
      ok: false;
      status: CartReadStatus;
      /** Why, for people and logs. */
      reason: string;
      notes: string[];
    };

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
  | { ok: false; reason: string; missing: string[] };

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
}
