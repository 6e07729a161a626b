/**
 * From the cart to the demo checkout with the extension: the panel on the
 * checkout page shows the stack for that one order beside what the page
 * charges (its total and its taxes), names the coupons to pick in the page's
 * lists and checks them after each adjustorder, and "Apply" types the
 * stack's promo code into the page's field; the page's own total before tax
 * (priced by the demo shop's server, apart from the optimizer) then equals
 * the stack's. The pay button is never touched (the page counts clicks and
 * focus).
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { optimize } from "../../../optimizer";
import type { Cart, Result, Wallet } from "../../../optimizer/schema";
import { readAliExpressCheckout } from "../../../src/adapters/aliexpress-checkout";
import { Refusal } from "../../../src/core/message";
import { answerCheckout, RENDER_API } from "../../fixtures/shop/checkout-api";
import { expectedCart, loadScenario } from "../../fixtures/shop/scenarios";
import { css, eventually, role, type ShopHost, testId } from "../driver/driver";
import { couponIdsOf, type PanelFrame } from "../pages/panel";
import type { ShopCheckout } from "../pages/shop";
import { expectedResult, seedScenario, walletAtNow } from "./expect";
import { type Feature, scenario } from "./scenario";

/** The ticked lines only: what the checkout receives. */
export const tickedOnly = (cart: Cart): Cart => {
  const items = cart.items.filter((i) => i.selected);
  return { ...cart, items, stores: cart.stores.filter((s) => items.some((i) => i.storeId === s.id)) };
};

/** The wallet after "I placed this order" for `order`, as the storage layer must leave it. */
function spent(wallet: Wallet, order: Result["orders"][number]): Wallet {
  const used = new Set(couponIdsOf(order));
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

/** Does what the panel says: picks its coupons in the page's lists, then presses Apply for the promo code. */
async function followThePanel(
  checkout: ShopCheckout,
  panel: PanelFrame,
  order: Result["orders"][number],
  wallet: Wallet,
): Promise<void> {
  await checkout.pickCoupons(order, wallet);
  const promo = wallet.coupons.find((c) => c.id === order.platformCoupon?.couponId)?.kind === "promo";
  await panel.ui.click(role("button", "Apply"));
  await eventually(
    () => panel.ui.attr(testId("apply-status"), "data-state"),
    promo ? "applied" : "nothing-to-apply",
    "Apply's outcome",
  );
  await checkout.ready();
}

/** The panel shows what the page shows: its total and its taxes, to the cent. */
async function showsPageFigures(
  checkout: ShopCheckout,
  panel: PanelFrame,
  stackTotal: number,
): Promise<void> {
  const figures = await checkout.figures();
  await eventually(
    () => panel.ui.attr(testId("page-total"), "data-cents"),
    String(figures.total),
    "page total",
  );
  await eventually(() => panel.ui.cents(testId("page-tax")), figures.tax, "page tax");
  await eventually(
    () => panel.ui.cents(testId("page-compare")),
    figures.total - figures.tax - stackTotal,
    "the comparison",
  );
  const taxes = figures.lines.filter((l) => l.kind === "tax");
  const shown = await panel.ui.texts(testId("page-tax-line"));
  strictEqual(shown.length, taxes.length, "tax lines");
  for (const [n, tax] of taxes.entries()) ok(shown[n]?.includes(tax.title), `${shown[n]} names ${tax.title}`);
}

const FLOWS: [string, ShopHost][] = [
  ["basic", "www.aliexpress.com"],
  ["worked", "www.aliexpress.com"],
  ["eur", "es.aliexpress.com"],
  ["brl", "pt.aliexpress.com"],
  ["us", "www.aliexpress.us"],
];

export const checkoutFlow: Feature = {
  name: "checkout-flow",
  scenarios: [
    ...FLOWS.map(([name, host]) =>
      scenario(
        `on the ${name} checkout the panel holds the stack to the page, and following it makes the page's total the stack's`,
        async (pages) => {
          const { options, cart } = pages;
          const { scenario, wallet } = await seedScenario(options, name);
          await cart.open(name, { host });
          const cartPanel = await cart.panel();
          await cartPanel.ui.waitFor(testId("stack-total"));
          // No Apply and no page figures on a cart page: the coupons are chosen at checkout.
          strictEqual(await cartPanel.ui.count(role("button", "Apply")), 0);
          strictEqual(await cartPanel.ui.count(testId("page-total")), 0);

          const checkout = await cart.toCheckout();
          ok(
            /\/p\/trade\/confirm\.html\?.*availableProductShopcartIds=/.test(checkout.ui.url()),
            checkout.ui.url(),
          );
          const panel = await checkout.panel();
          const result = expectedResult({
            scenario,
            cart: tickedOnly(expectedCart(scenario)),
            wallet,
            maxOrders: 1,
          });
          const [order] = result.orders;
          if (!order) throw new Error("no order");
          await panel.shows(result.total);
          strictEqual(await panel.ui.cents(testId("stack-savings")), result.savings);
          await showsPageFigures(checkout, panel, result.total);
          const choices =
            order.storeCoupons.length + (order.selectCoupon ? 1 : 0) + (order.platformCoupon ? 1 : 0);
          await eventually(() => panel.ui.count(testId("coupon-choice")), choices, "the coupons to pick");

          // What the panel says to pick, picked in the page's own lists; then Apply for the promo code.
          await followThePanel(checkout, panel, order, wallet);
          // The page's own total before tax is now the stack's, and the panel, told by the last adjustorder, agrees.
          const figures = await checkout.figures();
          strictEqual(figures.total - figures.tax, result.total);
          await eventually(
            () => panel.ui.attr(testId("page-total"), "data-cents"),
            String(figures.total),
            "page total",
          );
          await eventually(
            () => panel.ui.attr(testId("page-compare"), "data-state"),
            "same",
            "the comparison",
          );
          const states = await panel.ui.attrs(testId("coupon-choice"), "data-state");
          ok(states.length > 0, "no coupon to pick");
          deepStrictEqual(
            states,
            states.map(() => "matched"),
          );
          strictEqual(await panel.ui.cents(testId("stack-total")), figures.total - figures.tax);
          deepStrictEqual(await checkout.payButtonTouches(), { clicks: 0, focus: 0 });
          if (name === "eur") await pages.screenshot(checkout.ui, "panel-checkout");
        },
      ),
    ),

    scenario(
      "a checkout opened directly shows the page's total, its taxes (import tax and ICMS) and the stack; a refused code changes nothing",
      async ({ options, checkout }) => {
        const scenario = loadScenario("brl");
        const base = walletAtNow(scenario);
        const wallet: Wallet = {
          ...base,
          coupons: [
            ...base.coupons,
            {
              id: "CODE-GONE",
              kind: "promo",
              code: "GONE300",
              off: 30000,
              minSpend: 0,
              expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
              status: "active",
            },
          ],
        };
        await options.importWallet(wallet);
        await checkout.open("brl", { host: "pt.aliexpress.com" });
        const panel = await checkout.panel();
        await panel.ui.waitFor(testId("page-total"));
        const figures = await checkout.figures();
        deepStrictEqual(
          figures.lines.filter((l) => l.kind === "tax").map((l) => l.title),
          ["Import tax", "ICMS"],
        );
        await eventually(
          () => panel.ui.attr(testId("page-total"), "data-cents"),
          String(figures.total),
          "page total",
        );
        strictEqual(await panel.ui.cents(testId("page-tax")), figures.tax);
        strictEqual(await panel.ui.count(testId("page-tax-line")), 2);
        strictEqual(await panel.ui.count(testId("stack-total")), 1);

        await panel.ui.click(role("button", "Apply"));
        await eventually(() => panel.ui.attr(testId("apply-status"), "data-state"), "refused", "the refusal");
        ok(
          (await panel.ui.text(testId("apply-status")))?.includes(
            "This code is invalid. Please check and try again.",
          ),
        );
        strictEqual((await checkout.figures()).total, figures.total);
        deepStrictEqual(await checkout.payButtonTouches(), { clicks: 0, focus: 0 });
      },
    ),

    scenario(
      "a checkout opened directly, with no cart visit, shows the page's total, its taxes and the stack",
      async ({ options, checkout }) => {
        const { scenario, wallet } = await seedScenario(options, "eur");
        await checkout.open("eur", { host: "es.aliexpress.com" });
        const panel = await checkout.panel();
        // What the extension must read from this page alone, priced by the optimizer here.
        const body = JSON.stringify(answerCheckout(scenario, RENDER_API, { site: "es.aliexpress.com" }));
        const read = readAliExpressCheckout(
          {
            url: checkout.ui.url(),
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
        await panel.shows(result.total);
        await showsPageFigures(checkout, panel, result.total);
        ok((await panel.ui.attr(testId("page-tax"), "data-cents")) !== "0", "no tax shown");
        ok((await panel.ui.text(testId("page-tax-line")))?.includes("VAT"));
        // Without the cart, the store's coupons are not known: the read says so.
        await panel.ui.click(css("summary", { hasText: "About this read" }));
        await panel.ui.waitFor(css(".notes li", { hasText: "Read from this checkout alone" }));
        deepStrictEqual(await checkout.payButtonTouches(), { clicks: 0, focus: 0 });
      },
    ),

    scenario(
      "a promo code the page refuses: the panel shows the page's message and the page's total stays",
      async ({ options, checkout }) => {
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
        await options.importWallet(wallet);
        await checkout.open("basic");
        const panel = await checkout.panel();
        const gone = testId("coupon-choice", { hasText: "GONE30" });
        await eventually(() => panel.ui.count(gone), 1, "GONE30 to pick");
        const before = await checkout.figures();
        await panel.ui.click(role("button", "Apply"));
        await eventually(() => panel.ui.attr(testId("apply-status"), "data-state"), "refused", "the refusal");
        const message = "This code is invalid. Please check and try again.";
        ok((await panel.ui.text(testId("apply-status")))?.includes(message));
        await eventually(() => checkout.ui.text(css(".promoErrorTip")), message, "the page's tip");
        strictEqual((await checkout.figures()).total, before.total);
        await eventually(
          () => panel.ui.attr(testId("page-total"), "data-cents"),
          String(before.total),
          "page total",
        );
        await eventually(() => panel.ui.attr(gone, "data-state"), "unmatched", "GONE30 unmatched");
        deepStrictEqual(await checkout.payButtonTouches(), { clicks: 0, focus: 0 });
      },
    ),

    scenario(
      "a split: the first order checked out alone, Apply, then I placed this order spends its coupons",
      async ({ options, cart }) => {
        const { scenario, wallet } = await seedScenario(options, "basic");
        const lines = expectedCart(scenario);
        await cart.open("basic");
        const cartPanel = await cart.panel();
        const split = expectedResult({ scenario, cart: lines, wallet, maxOrders: 2 });
        strictEqual(split.orders.length, 2);
        await cartPanel.shows(split.total);

        // Untick the second order's lines in the shop's cart, as the shopper would, and check out the first.
        const second = new Set(split.orders[1]?.itemIds);
        for (const [n, item] of lines.items.entries()) if (second.has(item.id)) await cart.toggleLine(n);
        const first = {
          ...lines,
          items: lines.items.map((i) => (second.has(i.id) ? { ...i, selected: false } : i)),
        };
        await cartPanel.shows(expectedResult({ scenario, cart: first, wallet, maxOrders: 2 }).total);
        const checkout = await cart.toCheckout();

        const panel = await checkout.panel();
        const result = expectedResult({ scenario, cart: tickedOnly(first), wallet, maxOrders: 1 });
        await panel.shows(result.total);
        const [order] = result.orders;
        if (!order) throw new Error("no order");
        await followThePanel(checkout, panel, order, wallet);
        await eventually(() => panel.ui.attr(testId("page-compare"), "data-state"), "same", "the comparison");

        await panel.ui.click(role("button", "I placed this order"));
        await eventually(
          async () => (await panel.ui.text(testId("panel-notice"))) ?? "",
          (t) => t.includes("Recorded"),
          "the order recorded",
        );
        // The used coupons are gone: the same checkout now gets the wallet's next best stack.
        const after = expectedResult({
          scenario,
          cart: tickedOnly(first),
          wallet: spent(wallet, order),
          maxOrders: 1,
        });
        await panel.shows(after.total);
        const usedIds = [
          ...order.storeCoupons.map((c) => c.couponId),
          ...(order.platformCoupon ? [order.platformCoupon.couponId] : []),
        ];
        for (const id of usedIds)
          strictEqual(await panel.ui.count(css(`[data-coupon-id="${id}"]`)), 0, `${id} still shown`);
      },
    ),
  ],
};
