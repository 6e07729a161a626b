/**
 * The marketplaces Stackwise can read. Content scripts pick the first adapter
 * whose `matches` accepts the page; nothing outside src/adapters knows a
 * site's markup.
 */
import { aliexpress } from "./aliexpress";
import type { SiteAdapter } from "./types";

export const adapters: readonly SiteAdapter[] = [aliexpress];

export const adapterFor = (url: string): SiteAdapter | undefined => adapters.find((a) => a.matches(url));

export { aliexpress, isCartPage, isCheckoutPage } from "./aliexpress";
export { type MoneyContext, type MoneyResult, majorToCents, minorDigits, parseMoney } from "./money";
export { type PageStateSnapshot, snapshotCartState } from "./page-state";
export type {
  ApplyResult,
  CartChanges,
  CartRead,
  CartReadStatus,
  LineRef,
  PageInput,
  SiteAdapter,
} from "./types";
