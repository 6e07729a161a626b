/**
 * The wallet tab's first screen, read while the popup is still loading: a popup
 * opened on the wallet (the expiry reminder's `popup.html#wallet`) starts these
 * reads as soon as the database is open, rather than after the popup's shell,
 * the tab's code and each card's own load have taken their turns. WalletTab and
 * CouponList take the answer once, for their first render; every later read
 * (a filter, "Show more", a change to the wallet) is their own, as before.
 */
import type { StackwiseDb } from "../../../storage/db";
import {
  type CouponPages,
  readCouponPages,
  readWalletOverview,
  type WalletOverview,
} from "../../../storage/firstScreen";

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
