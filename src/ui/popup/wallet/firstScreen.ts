/**
 * The wallet tab's first screen, read while the popup is still loading: a popup
 * opened on the wallet (the expiry reminder's `popup.html#wallet`) starts these
 * reads as soon as the database is open, rather than after the popup's shell,
 * the tab's code and each card's own load have taken their turns. WalletTab and
 * CouponList take the answer once, for their first render; every later read
 * (a filter, "Show more", a change to the wallet) is their own, as before.
 */
import { lastImport } from "../../../storage/capture";
import type { StackwiseDb } from "../../../storage/db";
import type { CouponImport, StoredCoupon } from "../../../storage/schemas";
import {
  COUPON_PAGE_SIZE,
  type CouponSection,
  couponPage,
  couponPageCoupons,
  couponSectionTotal,
  getWalletSummary,
  type WalletSummary,
} from "../../../storage/wallet";
import type { CouponFilter } from "../../../wallet/coupons";

export { COUPON_PAGE_SIZE };

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

export interface WalletFirstScreen {
  overview: WalletOverview;
  pages: CouponPages;
}

/** A first screen being read; `value` is there once it has been, so a render can use it at once. */
export interface FirstScreenRead {
  promise: Promise<WalletFirstScreen>;
  value?: WalletFirstScreen;
  /** Set by the first coupon list that shows it. */
  listed?: boolean;
}

let prefetched: { db: StackwiseDb; read: FirstScreenRead } | undefined;

/**
 * Starts reading the first screen once `opening` gives the database. Settles when the read
 * is done or failed (a failure is left to the tab, which reads again and reports it).
 */
export function prefetchWalletFirstScreen(opening: Promise<StackwiseDb>, now: () => number): Promise<void> {
  return opening.then(
    (db) => {
      // Without the lists' totals: counting holds the browser's database for as long as it
      // walks the keys, and every read asked after it (the program, the rest of the first
      // screen) waits. The list counts once its first screen is drawn.
      const read: FirstScreenRead = {
        promise: Promise.all([
          readWalletOverview(db),
          readCouponPages(db, now(), {}, {}, { counted: false }),
        ]).then(([overview, pages]) => {
          read.value = { overview, pages };
          return read.value;
        }),
      };
      prefetched = { db, read };
      return read.promise.then(
        () => undefined,
        () => undefined,
      );
    },
    () => undefined,
  );
}

/** The prefetched first screen of `db`, once: undefined when none was started or it was taken. */
export function takeWalletFirstScreen(db: StackwiseDb): FirstScreenRead | undefined {
  if (prefetched === undefined || prefetched.db !== db) return undefined;
  const { read } = prefetched;
  prefetched = undefined;
  return read;
}
