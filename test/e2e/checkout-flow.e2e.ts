/**
 * From the cart to the demo checkout with the extension: the panel on the
 * checkout page shows the stack for that one order, "Apply" fills it into the
 * checkout's own controls and the checkout's own total (its page script,
 * written apart from the optimizer) then equals the panel's; "I placed this
 * order" spends the stack's coupons, coins and points, and the panel
 * re-optimizes without them.
 *
 * Build first: `npx wxt build && npx playwright test test/e2e/checkout-flow.e2e.ts`.
 */
import type { Page } from "@playwright/test";
import type { Cart, Result, Wallet } from "../../optimizer/schema";
import { expectedCart, loadScenario } from "../fixtures/shop/scenarios";
import { expect, type ShopHost, test, waitForDemoCart } from "./support/extension";
import {
  centsOf,
  expectedResult,
  importWallet,
  panelFrame,
  seedScenario,
  walletAtNow,
} from "./support/panel";

const SCREENSHOTS = process.env.STACKWISE_SCREENSHOTS === "1";

/** The ticked lines only: what the checkout receives. */
const tickedOnly = (cart: Cart): Cart => {
  const items = cart.items.filter((i) => i.selected);
  return { ...cart, items, stores: cart.stores.filter((s) => items.some((i) => i.storeId === s.id)) };
};

/** The wallet after "I placed this order" for `order`, as the storage layer must leave it. */
function spent(wallet: Wallet, order: Result["orders"][number]): Wallet {
  const used = new Set([
    ...order.storeCoupons.map((c) => c.couponId),
    ...(order.selectCoupon ? [order.selectCoupon.couponId] : []),
    ...(order.platformCoupon ? [order.platformCoupon.couponId] : []),
  ]);
  return {
    coupons: wallet.coupons.filter((c) => !used.has(c.id)),
    ...(wallet.coins
      ? { coins: { ...wallet.coins, balance: wallet.coins.balance - order.coins.coins } }
      : {}),
    points: wallet.points.map((p) => ({
      ...p,
      balance: p.balance - (order.points.find((q) => q.storeId === p.storeId)?.points ?? 0),
    })),
  };
}

async function toCheckout(page: Page): Promise<void> {
  await waitForDemoCart(page);
  await page.locator(".cart-summary-checkout").click();
  await page.waitForURL(/\/p\/trade\/confirm\.html/);
}

const FLOWS: [string, ShopHost][] = [
  ["basic", "www.aliexpress.com"],
  ["worked", "www.aliexpress.com"],
  ["eur", "es.aliexpress.com"],
  ["brl", "pt.aliexpress.com"],
];

for (const [name, host] of FLOWS) {
  test(`Apply on the ${name} checkout makes the shop's own total equal the panel's`, async ({
    context,
    page,
    shop,
    extensionId,
  }) => {
    const { scenario, wallet } = await seedScenario(context, extensionId, name);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(shop.cartUrl(name, { host, delay: 60, opDelay: 40 }));
    const cartPanel = await panelFrame(page, extensionId);
    await expect(cartPanel.getByTestId("stack-total")).toBeVisible();
    // No Apply on a cart page: the coupons are chosen at checkout.
    await expect(cartPanel.getByRole("button", { name: "Apply" })).toHaveCount(0);

    await toCheckout(page);
    const panel = await panelFrame(page, extensionId);
    const result = expectedResult({
      scenario,
      cart: tickedOnly(expectedCart(scenario)),
      wallet,
      maxOrders: 1,
    });
    await expect(panel.getByTestId("stack-total")).toHaveAttribute("data-cents", String(result.total));
    expect(await centsOf(panel, "stack-savings")).toBe(result.savings);
    // Nothing is chosen at the checkout yet (it only spends coins and points by itself).
    await expect(page.getByTestId("platform-coupon")).toHaveValue("");

    await panel.getByRole("button", { name: "Apply" }).click();
    await expect(panel.getByTestId("panel-notice")).toContainText("Filled in");
    await expect(page.getByTestId("checkout-total")).toHaveAttribute("data-cents", String(result.total));
    await expect(page.getByTestId("checkout-error")).toHaveCount(0);
    expect(await centsOf(page, "checkout-total")).toBe(await centsOf(panel, "stack-total"));
    if (SCREENSHOTS && name === "basic") {
      await page.waitForTimeout(200);
      await page.screenshot({ path: "docs/panel-checkout.png" });
    }
  });
}

test("a split: the first order checked out alone, Apply, then I placed this order spends its coupons", async ({
  context,
  page,
  shop,
  extensionId,
}) => {
  const scenario = loadScenario("basic");
  const wallet = walletAtNow(scenario);
  const cart = expectedCart(scenario);
  await importWallet(context, extensionId, wallet);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(shop.cartUrl("basic", { delay: 60, opDelay: 40 }));
  const cartPanel = await panelFrame(page, extensionId);
  const split = expectedResult({ scenario, cart, wallet, maxOrders: 2 });
  expect(split.orders.length).toBe(2);
  await expect(cartPanel.getByTestId("stack-total")).toHaveAttribute("data-cents", String(split.total));

  // Untick the second order's lines in the shop's cart, as the shopper would, and check out the first.
  const second = new Set(split.orders[1]?.itemIds);
  const rows = page.locator(".cart-product");
  const ids = cart.items.map((i) => i.id);
  for (const [n, id] of ids.entries()) {
    if (!second.has(id)) continue;
    await waitForDemoCart(page);
    await rows.nth(n).locator(".comet-v2-checkbox").click();
  }
  const first = { ...cart, items: cart.items.map((i) => (second.has(i.id) ? { ...i, selected: false } : i)) };
  await expect(cartPanel.getByTestId("stack-total")).toHaveAttribute(
    "data-cents",
    String(expectedResult({ scenario, cart: first, wallet, maxOrders: 2 }).total),
  );
  await toCheckout(page);

  const panel = await panelFrame(page, extensionId);
  const result = expectedResult({ scenario, cart: tickedOnly(first), wallet, maxOrders: 1 });
  await expect(panel.getByTestId("stack-total")).toHaveAttribute("data-cents", String(result.total));
  await panel.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("checkout-total")).toHaveAttribute("data-cents", String(result.total));

  const [order] = result.orders;
  if (!order) throw new Error("no order");
  await panel.getByRole("button", { name: "I placed this order" }).click();
  await expect(panel.getByTestId("panel-notice")).toContainText("Recorded");
  // The used coupons are gone: the same checkout now gets the wallet's next best stack.
  const after = expectedResult({
    scenario,
    cart: tickedOnly(first),
    wallet: spent(wallet, order),
    maxOrders: 1,
  });
  await expect(panel.getByTestId("stack-total")).toHaveAttribute("data-cents", String(after.total));
  const usedIds = [
    ...order.storeCoupons.map((c) => c.couponId),
    ...(order.platformCoupon ? [order.platformCoupon.couponId] : []),
  ];
  for (const id of usedIds) await expect(panel.locator(`[data-coupon-id="${id}"]`)).toHaveCount(0);
});

test("a checkout opened before any cart says why it shows no stack", async ({
  context,
  page,
  shop,
  extensionId,
}) => {
  await importWallet(context, extensionId, walletAtNow(loadScenario("basic")));
  await page.goto(shop.checkoutUrl("basic"));
  const panel = await panelFrame(page, extensionId);
  await expect(panel.getByTestId("cart-status")).toHaveAttribute("data-status", "unreadable");
  await expect(panel.getByTestId("cart-status")).toContainText("open your cart");
  await expect(panel.getByTestId("stack-total")).toHaveCount(0);
  await expect(panel.getByRole("button", { name: "Apply" })).toHaveCount(0);
});
