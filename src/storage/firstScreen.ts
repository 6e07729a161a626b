/**
 * What the wallet's first screen reads: the overview (counts, stores, balances, the last
 * import) and the three lists' first pages, with or without their totals. The popup reads
 * it while it loads (src/ui/popup/wallet/firstScreen.ts) and again on each change; the
 * background reads it to draw the screen's picture (src/background/wallet-picture.ts).
 */

import type { CouponFilter } from "../wallet/coupons";
import { lastImport } from "./capture";
import type { StackwiseDb } from "./db";
import type { CouponImport, StoredCoupon } from "./schemas";
import {
  COUPON_PAGE_SIZE,
  type CouponSection,
  couponPage,
  couponPageCoupons,
  couponSectionTotal,
  getWalletSummary,
  type WalletSummary,
} from "./wallet";

/** One value per section: the one place that names them all, so that the type checker sees each. */
const perSection = <T>(of: (section: CouponSection) => T): Record<CouponSection, T> => ({
  active: of("active"),
  expired: of("expired"),
  used: of("used"),
});

/** One read per section, all three at once. */
async function readPerSection<T>(
  read: (section: CouponSection) => Promise<T>,
): Promise<Record<CouponSection, T>> {
  const reads = perSection(read);
  const [active, expired, used] = await Promise.all([reads.active, reads.expired, reads.used]);
  return { active, expired, used };
}

/** A list's first coupons, and how many it holds in all once that is counted. */
export interface ListPage {
  coupons: StoredCoupon[];
  total?: number;
}

/** The lists' pages, and the instant they were read at (what decides which list a coupon is in). */
export type CouponPages = Record<CouponSection, ListPage> & { readAt: number };

export type CouponTotals = Record<CouponSection, number>;

export type WalletOverview = WalletSummary & { lastImport: CouponImport | undefined };

/** Counts, stores, coins, points and the batch "Undo last import" would take back. */
export async function readWalletOverview(db: StackwiseDb): Promise<WalletOverview> {
  const [summary, last] = await Promise.all([getWalletSummary(db), lastImport(db)]);
  return { ...summary, lastImport: last };
}

/**
 * The three lists' first pages under `filter`, each `lengths` long at least (what was shown
 * before), with their totals, or without them (`counted: false`): in a big wallet the
 * counts take far longer than the pages (couponPageCoupons), and the first screen need not
 * wait for them.
 */
export async function readCouponPages(
  db: StackwiseDb,
  now: number,
  filter: CouponFilter = {},
  lengths: Partial<Record<CouponSection, number>> = {},
  { counted = true }: { counted?: boolean } = {},
): Promise<CouponPages> {
  return {
    ...(await readPerSection(async (section): Promise<ListPage> => {
      const query = {
        section,
        ...filter,
        now,
        offset: 0,
        limit: Math.max(COUPON_PAGE_SIZE, lengths[section] ?? 0),
      };
      return counted ? couponPage(db, query) : { coupons: await couponPageCoupons(db, query) };
    })),
    readAt: now,
  };
}

/** The three lists' totals under `filter` at `now` (the instant their pages were read at). */
export async function readCouponTotals(
  db: StackwiseDb,
  now: number,
  filter: CouponFilter = {},
): Promise<CouponTotals> {
  return readPerSection((section) => couponSectionTotal(db, { section, ...filter, now }));
}

/** Pages with their totals, once both are read (the totals read at the pages' instant). */
export function withTotals(pages: CouponPages, totals: CouponTotals): CouponPages {
  return {
    ...perSection((section) => ({ ...pages[section], total: totals[section] })),
    readAt: pages.readAt,
  };
}
