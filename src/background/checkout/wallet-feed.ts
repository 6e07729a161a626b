/**
 * The wallet as the optimizer takes it, kept current while pages are served:
 * a Dexie live query re-reads it whenever any Stackwise page changes it (the
 * popup, the options page's import, a panel's "I placed this order") and
 * calls `onChange`, so every open panel is re-optimized at once. It also listens
 * to the walletChanged event (`changed()`), which says so without waiting for
 * the live query.
 */
import { liveQuery, type Subscription } from "dexie";
import type { Wallet } from "../../../optimizer/schema";
import type { StackwiseDb } from "../../storage/db";
import { getOptimizerWallet } from "../../storage/wallet";

export class WalletFeed {
  private db: Promise<StackwiseDb> | undefined;
  private current: Promise<Wallet> | undefined;
  private seen = "";
  private subscription: Subscription | undefined;
  private following = false;

  constructor(
    private readonly open: () => Promise<StackwiseDb>,
    private readonly onChange: () => void,
  ) {}

  /** The database, opened once; a failed open is tried again on the next call. */
  database(): Promise<StackwiseDb> {
    if (!this.db) {
      const opening = this.open();
      this.db = opening;
      opening.catch(() => {
        if (this.db === opening) this.db = undefined;
      });
    }
    return this.db;
  }

  /** The current wallet; rejects with the StorageError when it cannot be read. */
  wallet(): Promise<Wallet> {
    if (!this.current) {
      const reading = this.database().then((db) => getOptimizerWallet(db));
      this.current = reading;
      reading.catch(() => {
        if (this.current === reading) this.current = undefined;
      });
    }
    return this.current;
  }

  /**
   * The wallet changed (walletChanged): forget the cached one and, while pages
   * are served, re-optimize them if it differs from what they were shown. The
   * live query may see the same change; whichever comes second finds nothing new.
   */
  changed(): Promise<void> {
    this.current = undefined;
    if (!this.following) return Promise.resolve();
    return this.wallet().then(
      (wallet) => {
        const text = JSON.stringify(wallet);
        if (text === this.seen) return;
        this.seen = text;
        this.onChange();
      },
      // The panels re-read and say why the wallet cannot be read.
      () => this.onChange(),
    );
  }

  /** Follows changes while pages are served. */
  start(): void {
    if (this.following) return;
    this.following = true;
    this.database().then(
      (db) => {
        if (!this.following || this.subscription) return;
        // The querier awaits Dexie calls only, as a live query must.
        this.subscription = liveQuery(() => getOptimizerWallet(db)).subscribe({
          next: (wallet) => {
            const text = JSON.stringify(wallet);
            this.current = Promise.resolve(wallet);
            if (text === this.seen) return;
            const first = this.seen === "";
            this.seen = text;
            if (!first) this.onChange();
          },
          error: () => {
            // The next wallet() call reads again and reports the failure to the panel.
            this.current = undefined;
            this.subscription = undefined;
            this.following = false;
          },
        });
      },
      () => {
        this.following = false;
      },
    );
  }

  stop(): void {
    this.following = false;
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }
}
