/**
 * A stamp in `storage.local` that changes after every committed write to the
 * tables the wallet's first screen shows, whoever made it (popup, options page,
 * background, an upgrade). What is drawn from a copy kept outside the database
 * (the wallet's first-screen picture, src/ui/popup/earlyScreen.ts) carries the
 * stamp read before its reads began, and is good only while the stamp has not
 * moved.
 *
 * Changed after the commit, not before: a reader that takes the stamp and then
 * reads the database either saw the write's data or sees the stamp move after
 * it. A browser closed between a commit and the new stamp leaves an old one;
 * the picture it would let through is replaced by the live screen a moment later.
 *
 * Writes to the other tables (referral links, the referral tracker) leave it
 * alone: a link saved or a referral logged does not change the wallet, so its
 * picture stays good. A unit test holds the first screen's reads inside
 * `STAMPED_TABLES`.
 */
import type { DBCore, Middleware } from "dexie";
import { browser } from "wxt/browser";
import { firstWriteMiddleware } from "./firstWrite";

export const WRITE_STAMP_KEY = "databaseWriteStamp";

/** What the wallet's first screen reads: the program picker, the coupons' lists, counts and stores, the last import, the balances. */
export const STAMPED_TABLES: ReadonlySet<string> = new Set([
  "programs",
  "coupons",
  "imports",
  "coins",
  "points",
]);

export type StampWriter = (stamp: string) => Promise<void>;

export const storageStampWriter: StampWriter = async (stamp) => {
  // Absent outside an extension (Node scripts that open the database): no copies to guard.
  const local = browser?.storage?.local;
  if (local !== undefined) await local.set({ [WRITE_STAMP_KEY]: stamp });
};

const newStamp = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** This page's transactions whose stamp has not landed yet (or that have not ended). */
const pending = new Set<Promise<unknown>>();

/**
 * Settles once every stamp this page's writes begun so far will move has moved
 * (or failed to): a stamp read after it is at least as new as this page's own
 * writes. Other pages' writes are not waited for; their stamps may still come.
 */
export async function stampsSettled(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}

/** On the first write of each transaction to a stamped table, a new stamp once it has committed. Never throws. */
export function writeStampMiddleware(
  write: StampWriter = storageStampWriter,
  tables: ReadonlySet<string> = STAMPED_TABLES,
): Middleware<DBCore> {
  return firstWriteMiddleware(
    "stackwise-write-stamp",
    (committed) => {
      const landed = committed
        .then((done) => (done ? write(newStamp()) : undefined))
        .catch(() => undefined)
        .finally(() => pending.delete(landed));
      pending.add(landed);
    },
    tables,
  );
}
