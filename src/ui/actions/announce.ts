/**
 * UI writes announce themselves. Every change a page makes to the wallet,
 * referrals, links, programs or preferences goes through an action of this
 * folder, which writes and then tells the background (`walletChanged`): the
 * badge is recounted, open panels re-optimized and other pages reload. A call
 * site cannot forget to announce; test/unit/wallet-changed.test.ts checks
 * that no UI file writes around these actions.
 */
import type { WalletChangeReason } from "../../messaging/wallet";
import type { StackwiseDb } from "../../storage/db";
import { useDb } from "../shared/app";
import { useServices } from "../shared/services";

export interface Announcer {
  /** Tells the background; never throws. */
  readonly walletChanged: (reason: WalletChangeReason) => void;
}

export interface WriteContext extends Announcer {
  readonly db: StackwiseDb;
}

/** The page's database and announcer, for the actions. */
export function useWriteContext(): WriteContext {
  const db = useDb();
  const { walletChanged } = useServices();
  return { db, walletChanged };
}

/**
 * A storage write as an action: runs it, then announces `reason`. A write
 * that fails announces nothing (nothing changed) and rejects as before.
 */
export function announcing<A extends unknown[], R>(
  reason: WalletChangeReason,
  write: (db: StackwiseDb, ...args: A) => Promise<R>,
): (ctx: WriteContext, ...args: A) => Promise<R> {
  return async (ctx, ...args) => {
    const result = await write(ctx.db, ...args);
    ctx.walletChanged(reason);
    return result;
  };
}
