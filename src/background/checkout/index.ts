/**
 * Background side of the checkout half: carts from content scripts, optimized
 * against the wallet, shown in each page's panel (src/background/checkout/sessions.ts).
 * This file only wires sessions to the browser: ports, storage, the panel's
 * requests ("Apply", "I placed this order") and the changes that re-optimize.
 */
import { browser } from "wxt/browser";
import type { OrderResult } from "../../../optimizer/schema";
import { message } from "../../core/message";
import { ApplyResultSchema } from "../../messaging/checkout";
import { serve } from "../../services/bus";
import {
  loadCheckoutPreferences,
  saveTaxCalibration,
  watchCheckoutPreferences,
} from "../../services/checkout-preferences";
import { type WalletChangedEvent, walletChanged } from "../../services/wallet-changed";
import type { StackwiseDb } from "../../storage/db";
import { openStackwiseDb } from "../../storage/db";
import { StorageError } from "../../storage/errors";
import { orderFromResult, type PlaceOrderResult, placeOrder } from "../../storage/orders";
import { cartMemory } from "./cart-memory";
import { CheckoutRefusal, CheckoutSessions, type PortLike } from "./sessions";
import { WalletFeed } from "./wallet-feed";

export function startCheckout(): void {
  let preferences = loadCheckoutPreferences();
  const feed = new WalletFeed(
    () => openStackwiseDb(),
    () => sessions.refreshAll(),
  );
  const memory = cartMemory(browser.storage.session);
  const sessions: CheckoutSessions = new CheckoutSessions({
    extensionId: browser.runtime.id,
    panelUrl: browser.runtime.getURL("/panel.html"),
    wallet: () => feed.wallet(),
    preferences: () => preferences,
    now: () => new Date(),
    rememberCart: (site, cart) => memory.remember(site, cart),
    recallCart: (site) => memory.recall(site),
    later: (task) => setTimeout(task, 0),
    onSessionCount: (count) => (count > 0 ? feed.start() : feed.stop()),
    // A storage failure loses only the calibration: the stack was shown with the rate it had.
    saveTaxCalibration: (calibration) => void saveTaxCalibration(calibration).catch(() => undefined),
  });

  // Listeners are registered synchronously: a woken service worker only gets events it listens to at once.
  walletChanged.listen(() => feed.changed());
  browser.runtime.onConnect.addListener((port) => sessions.connect(port as unknown as PortLike));
  watchCheckoutPreferences((next) => {
    preferences = Promise.resolve(next);
    sessions.refreshAll();
  });

  serve({
    "checkout/apply": async (ref, sender) => {
      const job = sessions.applyJob(ref, sender);
      const [injection] = await browser.scripting.executeScript({
        target: { tabId: job.tabId, frameIds: [job.frameId] },
        func: job.apply,
        args: [job.choices],
      });
      // The function's promise is awaited by the browser; its answer is the page's, so it is checked.
      const result = ApplyResultSchema.safeParse(injection?.result);
      if (result.success) return result.data;
      return {
        state: "failed" as const,
        message: message("panel_applyFailed", message("adapter_pageNoAnswer")),
      };
    },
    "checkout/placed": async (ref, sender) => {
      const order = sessions.placedOrder(ref, sender);
      try {
        return await recordPlacedOrder(await feed.database(), order, walletChanged);
      } catch (error) {
        if (error instanceof StorageError) throw new CheckoutRefusal(error.text);
        throw error;
      }
    },
  });
}

/**
 * "I placed this order": the order's coupons become used and its coins and
 * points are spent, then walletChanged is announced, so the toolbar badge, the
 * panels and open pages show it now rather than at the next alarm.
 */
export async function recordPlacedOrder(
  db: StackwiseDb,
  order: OrderResult,
  event: WalletChangedEvent,
  at: number = Date.now(),
): Promise<PlaceOrderResult> {
  const placed = await placeOrder(db, orderFromResult(order, at));
  await event.announce({ reason: "orders" });
  return placed;
}
