/**
 * Background side of the checkout half: carts from content scripts, optimized
 * against the wallet, shown in each page's panel (src/checkout/sessions.ts).
 * This file only wires sessions to the browser: ports, storage, the panel's
 * requests ("Apply", "I placed this order") and the changes that re-optimize.
 */
import { browser } from "wxt/browser";
import { cartMemory } from "../checkout/cart-memory";
import { loadCheckoutPreferences, watchCheckoutPreferences } from "../checkout/preferences";
import { CheckoutRefusal, CheckoutSessions, type PortLike } from "../checkout/sessions";
import { WalletFeed } from "../checkout/wallet-feed";
import { serve } from "../messaging/bus";
import { ApplyResultSchema } from "../messaging/checkout";
import { openStackwiseDb } from "../storage/db";
import { StorageError } from "../storage/errors";
import { orderFromResult, placeOrder } from "../storage/orders";

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
  });

  // Listeners are registered synchronously: a woken service worker only gets events it listens to at once.
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
      return result.success ? result.data : { state: "failed" as const, message: "the page did not answer" };
    },
    "checkout/placed": async (ref, sender) => {
      const order = sessions.placedOrder(ref, sender);
      try {
        const placed = await placeOrder(await feed.database(), orderFromResult(order, Date.now()));
        feed.invalidate();
        return placed;
      } catch (error) {
        if (error instanceof StorageError) throw new CheckoutRefusal(error.userMessage);
        throw error;
      }
    },
  });
}
