/**
 * The page's own summary against what Stackwise read: a shopper must never
 * be left trusting a total that the page contradicts.
 *
 * Compared like for like only. The page's summary describes the ticked lines;
 * its subtotal is their prices before discounts and shipping, which is
 * Stackwise's baseline for the same lines before the page's own discounts.
 * Its discount and total rows are not compared: the shop fills them with the
 * coupons it picked itself, which is what Stackwise replaces. While the page
 * has not loaded every line (`incomplete`), its summary may count lines
 * Stackwise has not seen, so only the currency is compared; the panel's
 * incomplete notice says the rest.
 */
import type { Cart } from "../../../optimizer/schema";
import type { Incomplete, PageSummary } from "../../adapters/types";

export type PageMismatch =
  /** The page's subtotal of the ticked lines is not the sum Stackwise counts for them. */
  | { kind: "subtotal"; page: string; pageCents: number; ours: number }
  /** The page counts another number of ticked lines than Stackwise read. */
  | { kind: "count"; page: number; ours: number }
  /** The page charges in another currency than the prices Stackwise read. */
  | { kind: "currency"; page: string; ours: string };

/** What rounding can explain: a minor unit per ticked line (each line may be rounded), at most ten. */
export const roundingAllowance = (tickedLines: number): number => Math.min(10, Math.max(1, tickedLines));

export function checkAgainstPage(
  cart: Cart,
  summary: PageSummary | undefined,
  incomplete: Incomplete | undefined,
): PageMismatch | undefined {
  if (!summary) return undefined;
  if (summary.currency !== undefined && summary.currency !== cart.currency)
    return { kind: "currency", page: summary.currency, ours: cart.currency };
  if (incomplete) return undefined;
  const ticked = cart.items.filter((i) => i.selected);
  if (summary.selectedCount !== undefined && summary.selectedCount !== ticked.length)
    return { kind: "count", page: summary.selectedCount, ours: ticked.length };
  const cents = summary.subtotal?.cents;
  if (summary.subtotal === undefined || cents === undefined) return undefined;
  const ours = ticked.reduce((t, i) => t + i.unitPrice * i.quantity, 0);
  if (Math.abs(cents - ours) <= roundingAllowance(ticked.length)) return undefined;
  return { kind: "subtotal", page: summary.subtotal.text, pageCents: cents, ours };
}
