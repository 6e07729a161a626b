/**
 * From the cart to the demo checkout with the extension: the panel on the
 * checkout page shows the stack for that one order beside what the page
 * charges (its total and its taxes, read from its own renderorder and
 * adjustorder responses), names the coupons to pick in the page's lists and
 * checks them after each adjustorder, and "Apply" types the stack's promo
 * code into the page's field; the page's own total before tax (priced by the
 * demo shop's server, apart from the optimizer) then equals the stack's. The
 * pay button is never touched (the page counts clicks and focus). "I placed
 * this order" spends the stack's coupons, coins and points, and the panel
 * re-optimizes without them.
 *
 * Build first: `npx wxt build && npx playwright test test/e2e/checkout-flow.e2e.ts`.
 */
import type { Frame, Page } from "@playwright/test";
import { optimize } from "../../optimizer";
import type { Cart, OrderResult, Result, Wallet } from "../../optimizer/schema";
import { readAliExpressCheckout } from "../../src/adapters/aliexpress-checkout";
import { Refusal } from "../../src/ui/message";
import { answerCheckout, RENDER_API } from "../fixtures/shop/checkout-api";
import { expectedCart, loadScenario } from "../fixtures/shop/scenarios";
import {
  centsIn,
  pageFigures,
  payButtonTouches,
  pickCoupons,
  pickPlatform,
  waitForCheckout,
} from "./support/checkout";
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

/** Does what the panel says: picks its coupons in the page's lists, then presses Apply for the promo code. */
async function followThePanel(page: Page, panel: Frame, order: OrderResult, wallet: Wallet): Promise<void> {
  await pickCoupons(page, order);
  await pickPlatform(page, order, wallet);
  const platform = wallet.coupons.find((c) => c.id === order.platformCoupon?.couponId);
  const promo = platform?.kind === "promo";
  await panel.getByRole("button", { name: "Apply" }).click();
  await expect(panel.getByTestId("apply-status")).toHaveAttribute(
    "data-state",
    promo ? "applied" : "nothing-to-apply",
  );
  await waitForCheckout(page);
}

/** The panel shows what the page shows: its total and its taxes, to the cent. */
async function expectPageFigures(page: Page, panel: Frame, stackTotal: number): Promise<void> {
  const figures = await pageFigures(page);
  await expect(panel.getByTestId("page-total")).toHaveAttribute("data-cents", String(figures.total));
  await expect(panel.getByTestId("page-tax")).toHaveAttribute("data-cents", String(figures.tax));
  await expect(panel.getByTestId("page-compare")).toHaveAttribute(
    "data-cents",
    String(figures.total - figures.tax - stackTotal),
  );
  const taxes = figures.lines.filter((l) => l.kind === "tax");
  await expect(panel.getByTestId("page-tax-line")).toHaveCount(taxes.length);
  for (const [n, tax] of taxes.entries())
    await expect(panel.getByTestId("page-tax-line").nth(n)).toContainText(tax.title);
}

const FLOWS: [string, ShopHost][] = [
  ["basic", "www.aliexpress.com"],
  ["worked", "www.aliexpress.com"],
  ["eur", "es.aliexpress.com"],
  ["brl", "pt.aliexpress.com"],
  ["us", "www.aliexpress.us"],
];

for (const [name, host] of FLOWS) {
  test(`on the ${name} checkout the panel holds the stack to the page, and following it makes the page's total the stack's`, async ({
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
    // No Apply and no page figures on a cart page: the coupons are chosen at checkout.
    await expect(cartPanel.getByRole("button", { name: "Apply" })).toHaveCount(0);
    await expect(cartPanel.getByTestId("page-total")).toHaveCount(0);

    await toCheckout(page);
    const panel = await panelFrame(page, extensionId);
    const result = expectedResult({
      scenario,
      cart: tickedOnly(expectedCart(scenario)),
      wallet,
      maxOrders: 1,
    });
    const [order] = result.orders;
    if (!order) throw new Error("no order");
    await expect(panel.getByTestId("stack-total")).toHaveAttribute("data-cents", String(result.total));
    expect(await centsOf(panel, "stack-savings")).toBe(result.savings);
    await expectPageFigures(page, panel, result.total);
    const choices = order.storeCoupons.length + (order.selectCoupon ? 1 : 0) + (order.platformCoupon ? 1 : 0);
    await expect(panel.getByTestId("coupon-choice")).toHaveCount(choices);

    await followThePanel(page, panel, order, wallet);
    // The page's own total before tax is now the stack's, and the panel, told by the last adjustorder, agrees.
    const figures = await pageFigures(page);
    expect(figures.total - figures.tax).toBe(result.total);
    await expect(panel.getByTestId("page-total")).toHaveAttribute("data-cents", String(figures.total));
    await expect(panel.getByTestId("page-compare")).toHaveAttribute("data-state", "same");
    for (const choice of await panel.getByTestId("coupon-choice").all())
      await expect(choice).toHaveAttribute("data-state", "matched");
    expect(await centsIn(panel, "stack-total")).toBe(figures.total - figures.tax);
    expect(await payButtonTouches(page)).toEqual({ clicks: 0, focus: 0 });
    if (SCREENSHOTS && name === "eur") {
      await page.waitForTimeout(200);
      await page.screenshot({ path: "docs/panel-checkout.png" });
    }
  });
}

test("a checkout opened directly, with no cart visit, shows the page's total, its taxes and the stack", async ({
  context,
  page,
  shop,
  extensionId,
}) => {
  const { scenario, wallet } = await seedScenario(context, extensionId, "eur");
  await page.goto(shop.checkoutUrl("eur", { host: "es.aliexpress.com" }));
  const panel = await panelFrame(page, extensionId);
  // What the extension must read from this page alone, priced by the optimizer here.
  const body = JSON.stringify(answerCheckout(scenario, RENDER_API, { site: "es.aliexpress.com" }));
  const read = readAliExpressCheckout(
    {
      url: page.url(),
      apiState: JSON.stringify({
        kind: "checkout-api",
        good: { api: RENDER_API, n: 1, ok: true, size: body.length, body },
        latest: null,
      }),
    },
    undefined,
  );
  if (!read.ok) throw new Refusal(read.reason);
  const result = optimize({
    now: new Date().toISOString(),
    cart: read.cart,
    wallet,
    options: { maxOrders: 1 },
  });
  await expect(panel.getByTestId("stack-total")).toHaveAttribute("data-cents", String(result.total));
  await expectPageFigures(page, panel, result.total);
  await expect(panel.getByTestId("page-tax")).not.toHaveAttribute("data-cents", "0");
  await expect(panel.getByTestId("page-tax-line")).toContainText("VAT");
  // Without the cart, the store's coupons are not known: the read says so.
  await panel.getByText("About this read").click();
  await expect(panel.getByText(/Read from this checkout alone/)).toBeVisible();
  expect(await payButtonTouches(page)).toEqual({ clicks: 0, focus: 0 });
});

test("a promo code the page refuses: the panel shows the page's message and the page's total stays", async ({
  context,
  page,
  shop,
  extensionId,
}) => {
  const scenario = loadScenario("basic");
  const base = walletAtNow(scenario);
  // A code only the wallet believes in: bigger than any other, so the stack takes it.
  const wallet: Wallet = {
    ...base,
    coupons: [
      ...base.coupons,
      {
        id: "CODE-GONE30",
        kind: "promo",
        code: "GONE30",
        off: 3000,
        minSpend: 0,
        expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        status: "active",
      },
    ],
  };
  await importWallet(context, extensionId, wallet);
  await page.goto(shop.checkoutUrl("basic"));
  const panel = await panelFrame(page, extensionId);
  await expect(panel.getByTestId("coupon-choice").filter({ hasText: "GONE30" })).toHaveCount(1);
  const before = await pageFigures(page);
  await panel.getByRole("button", { name: "Apply" }).click();
  await expect(panel.getByTestId("apply-status")).toHaveAttribute("data-state", "refused");
  await expect(panel.getByTestId("apply-status")).toContainText(
    "This code is invalid. Please check and try again.",
  );
  await expect(page.locator(".promoErrorTip")).toHaveText(
    "This code is invalid. Please check and try again.",
  );
  expect((await pageFigures(page)).total).toBe(before.total);
  await expect(panel.getByTestId("page-total")).toHaveAttribute("data-cents", String(before.total));
  await expect(panel.getByTestId("coupon-choice").filter({ hasText: "GONE30" })).toHaveAttribute(
    "data-state",
    "unmatched",
  );
  expect(await payButtonTouches(page)).toEqual({ clicks: 0, focus: 0 });
});

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
  const [picked] = result.orders;
  if (!picked) throw new Error("no order");
  await followThePanel(page, panel, picked, wallet);
  await expect(panel.getByTestId("page-compare")).toHaveAttribute("data-state", "same");

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
