/**
 * The marketplaces Stackwise can read. Content scripts pick the first adapter
 * whose `matches` accepts the page; nothing outside src/adapters knows a
 * site's markup.
 *
 * Reading a cart page, as the content scripts should:
 * 1. a `world: "MAIN"` script runs `snapshotCartState()` and posts the result;
 * 2. the isolated script calls `adapter.readCart({ url, document, pageState })`;
 * 3. on `loading`, or until two reads in a row give the same `signature`,
 *    read again (on a timer and on DOM mutations): the page state and the
 *    DOM are taken at slightly different moments and the page hydrates in
 *    stages, so one read alone can be a half-hydrated cart;
 * 4. `empty` and `unreadable` are answers to show, never reasons to guess.
 */
import { aliexpress } from "./aliexpress";
import type { SiteAdapter } from "./types";

export const adapters: readonly SiteAdapter[] = [aliexpress];

export const adapterFor = (url: string): SiteAdapter | undefined => adapters.find((a) => a.matches(url));

/** The adapter whose checkout support takes this page. */
export const checkoutAdapterFor = (url: string): SiteAdapter | undefined =>
  adapters.find((a) => a.checkout?.matches(url));

export { aliexpress } from "./aliexpress";
export { type PageStateSnapshot, snapshotCartState } from "./page-state";
export { parsePageState } from "./page-state-schema";
export type {
  ApplyResult,
  CartChanges,
  CartRead,
  CartReadStatus,
  CartSnapshot,
  CheckoutSupport,
  LineRef,
  PageInput,
  SiteAdapter,
  StackChoices,
} from "./types";
