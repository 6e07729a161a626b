/**
 * A stamp in `storage.local` that changes after every committed database write,
 * whoever made it (popup, options page, background, an upgrade). What is drawn
 * from a copy kept outside the database (the wallet's first-screen picture,
 * src/ui/popup/earlyScreen.ts) carries the stamp read before its reads began,
 * and is good only while the stamp has not moved.
 *
 * Changed after the commit, not before: a reader that takes the stamp and then
 * reads the database either saw the write's data or sees the stamp move after
 * it. A browser closed between a commit and the new stamp leaves an old one;
 * the picture it would let through is replaced by the live screen a moment later.
 */
import type { DBCore, Middleware } from "dexie";
import { browser } from "wxt/browser";
import { firstWriteMiddleware } from "./firstWrite";

export const WRITE_STAMP_KEY = "databaseWriteStamp";

export type StampWriter = (stamp: string) => Promise<void>;

export const storageStampWriter: StampWriter = async (stamp) => {
  // Absent outside an extension (Node scripts that open the database): no copies to guard.
  const local = browser?.storage?.local;
  if (local !== undefined) await local.set({ [WRITE_STAMP_KEY]: stamp });
};

const newStamp = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** On the first write of each transaction, a new stamp once it has committed. Never throws. */
export function writeStampMiddleware(write: StampWriter = storageStampWriter): Middleware<DBCore> {
  return firstWriteMiddleware("stackwise-write-stamp", (committed) => {
    void committed.then((done) => (done ? write(newStamp()).catch(() => undefined) : undefined));
  });
}
