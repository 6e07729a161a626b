/**
 * The one `walletChanged` event. Whatever changes the wallet, referrals,
 * links, programs or preferences (a popup or options page through
 * src/ui/actions, a panel's "I placed this order"), the background announces
 * it here once, and everyone who shows the wallet listens: the toolbar badge,
 * the panels' wallet feed, and open popup and options pages.
 *
 * Pages tell the background with the `wallet/changed` message (which wakes a
 * stopped worker); the background announces. Within a context, listeners hear
 * it at once; other contexts of the extension hear it over a BroadcastChannel
 * (same origin: the worker, the popup, the options page).
 */
import { z } from "../../optimizer/zod";
import { WALLET_CHANGE_REASONS, type WalletChangeReason } from "../messaging/wallet";

export interface WalletChange {
  readonly reason: WalletChangeReason;
}

const WalletChangeSchema = z.object({ reason: z.enum(WALLET_CHANGE_REASONS) });

/** A listener may return a promise: `announce` resolves once every listener of this context is done. */
export type WalletChangedListener = (change: WalletChange) => unknown;

export interface WalletChangedEvent {
  /** Tells this context's listeners, then the other contexts'. */
  announce(change: WalletChange): Promise<void>;
  /** Returns a function that stops listening. */
  listen(listener: WalletChangedListener): () => void;
}

export const WALLET_CHANGED_CHANNEL = "stackwise:walletChanged";

/** An event of its own, for tests; `channel` names the BroadcastChannel to other contexts (none: this context only). */
export function walletChangedEvent(channel: string | null = WALLET_CHANGED_CHANNEL): WalletChangedEvent {
  const listeners = new Set<WalletChangedListener>();
  let port: BroadcastChannel | undefined;

  const deliver = async (change: WalletChange) => {
    const results = await Promise.allSettled([...listeners].map(async (listener) => listener(change)));
    for (const r of results) if (r.status === "rejected") console.error("Stackwise walletChanged:", r.reason);
  };
  const open = () => {
    if (port !== undefined || channel === null || typeof BroadcastChannel === "undefined") return;
    port = new BroadcastChannel(channel);
    // In Node (tests) an open channel would keep the process alive; browsers have no unref.
    (port as { unref?: () => void }).unref?.();
    port.onmessage = (e: MessageEvent) => {
      const change = WalletChangeSchema.safeParse(e.data);
      if (change.success) void deliver(change.data);
    };
  };

  return {
    announce: async (change) => {
      open();
      port?.postMessage({ reason: change.reason });
      await deliver(change);
    },
    listen: (listener) => {
      open();
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          port?.close();
          port = undefined;
        }
      };
    },
  };
}

/** This context's event. */
export const walletChanged: WalletChangedEvent = walletChangedEvent();
