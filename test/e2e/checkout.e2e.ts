/**
 * The demo checkout alone (no extension): it asks its API host for
 * renderorder and adjustorder, as the real page does, and prices orders on
 * the server from stacking-rules.md, written apart from the optimizer. Here
 * the optimizer is held to it: the stack the optimizer picks for the cart the
 * adapter read must cost, at the checkout, exactly what the optimizer said.
 */
import type { Page } from "@playwright/test";
import { optimize } from "../../optimizer";
import type { Result, Wallet } from "../../optimizer/schema";
import { loadScenario } from "../fixtures/shop/scenarios";
import {
  pageFigures,
  payButtonTouches,
  pickCoupons,
  pickPlatform,
  typePromoCode,
  waitForCheckout,
} from "./support/checkout";
import { expect, type ShopHost, test, waitForDemoCart } from "./support/extension";
import { readSettledCart } from "./support/read-cart";

test.use({ withExtension: false });

const kindCents = async (page: Page, kind: string) =>
  (await pageFigures(page)).lines.filter((l) => l.kind === kind).reduce((t, l) => t + l.cents, 0);

/** Coins and points boxes are disabled when the wallet has none. */
const setBox = async (page: Page, selector: string, on: boolean): Promise<void> => {
  await waitForCheckout(page);
  const box = page.locator(selector);
  if ((await box.isEnabled()) && (await box.isChecked()) !== on) await box.setChecked(on);
  await waitForCheckout(page);
};

/** Puts the optimizer's single order into the checkout, as the shopper would. */
async function applyStack(page: Page, result: Result, wallet: Wallet): Promise<void> {
  const [order] = result.orders;
  if (!order || result.orders.length !== 1) throw new Error("expected one order");
  await pickCoupons(page, order);
  await pickPlatform(page, order, wallet);
  const coupon = wallet.coupons.find((c) => c.id === order.platformCoupon?.couponId);
  if (coupon?.kind === "promo" && coupon.code) {
    await typePromoCode(page, coupon.code.toLowerCase());
    await expect(page.locator("input.pl-promoCode-input")).toHaveValue("");
  }
}

test("the page asks the API host the real page uses, in the real envelope", async ({ page, shop }) => {
  const answer = page.waitForResponse((r) => r.url().includes("mtop.aliexpress.checkout.renderorder"));
  await page.goto(shop.checkoutUrl("basic"));
  const response = await answer;
  expect(new URL(response.url()).host).toBe("acs.aliexpress.com");
  const body = await response.json();
  expect(body).toMatchObject({
    api: "mtop.aliexpress.checkout.renderorder",
    ret: ["SUCCESS::调用成功"],
    v: "1.0",
  });
  expect(Object.keys(body.data.data)).toEqual(
    expect.arrayContaining(["checkout_order_summary_TOTAL_SUMMARY", "checkout_order_total_116150"]),
  );
  // The total is drawn one character per span.
  await waitForCheckout(page);
  expect(await page.locator(".pl-order-toal-container__item-content span").count()).toBeGreaterThan(5);
});

test("the checkout prices the worked example of stacking-rules.md", async ({ page, shop }) => {
  await page.goto(shop.checkoutUrl("worked"));
  await setBox(page, ".demo-use-coins", false);
  // Nothing applied: the baseline.
  expect((await pageFigures(page)).total).toBe(5299);

  await pickCoupons(page, {
    storeCoupons: [{ couponId: "A1", storeId: "1100000001", amount: 300 }],
  } as unknown as Result["orders"][number]);
  await page.locator('select.demo-coupon-select[data-kind="platform"]').selectOption("P");
  await setBox(page, ".demo-use-coins", true);
  const figures = await pageFigures(page);
  // "Promo code" reads "Enter code here": not an amount, so not a line.
  expect(figures.lines.map((l) => [l.title, l.cents])).toEqual([
    ["Subtotal", 5100],
    ["Store coupons", -300],
    ["AliExpress coupon", -500],
    ["Shipping fee", 199],
    ["Coins", -129],
  ]);
  expect(figures.total).toBe(4370);
  await expect(page.locator(".pl-order-toal-container__item-content")).toHaveText("US $43.70");
});

test("a coupon below its minimum spend is not applied", async ({ page, shop }) => {
  // Without store B's item the order is 21.00, below P's 40.00 minimum.
  await page.goto(shop.cartUrl("worked", { delay: 50, opDelay: 20 }));
  await waitForDemoCart(page);
  await page.locator(".cart-product .comet-v2-checkbox").nth(2).click();
  await waitForDemoCart(page);
  await page.locator(".cart-summary-checkout").click();
  await page.waitForURL(/availableProductShopcartIds=/);
  await setBox(page, ".demo-use-coins", false);
  expect((await pageFigures(page)).total).toBe(2100 + 199);
  await page.locator('select.demo-coupon-select[data-kind="platform"]').selectOption("P");
  await waitForCheckout(page);
  expect(await kindCents(page, "platform-coupon")).toBe(0);
  expect((await pageFigures(page)).total).toBe(2100 + 199);
});

test("a promo code: refused with the page's tip and nothing changed, taken with the field cleared", async ({
  page,
  shop,
}) => {
  await page.goto(shop.checkoutUrl("basic"));
  const before = await pageFigures(page);
  await typePromoCode(page, "nope");
  await expect(page.locator(".promoErrorTip")).toHaveText(
    "This code is invalid. Please check and try again.",
  );
  await expect(page.locator("input.pl-promoCode-input")).toHaveValue("nope");
  expect((await pageFigures(page)).total).toBe(before.total);

  await typePromoCode(page, "STACK5");
  await expect(page.locator("input.pl-promoCode-input")).toHaveValue("");
  await expect(page.locator(".promoErrorTip")).toHaveCount(0);
  expect(await kindCents(page, "promo-code")).toBe(-500);
  expect(await payButtonTouches(page)).toEqual({ clicks: 0, focus: 0 });
});

test("the cart's ticks and quantities travel to the checkout by the cart's route", async ({ page, shop }) => {
  await page.goto(shop.cartUrl("basic", { delay: 50, opDelay: 20 }));
  await waitForDemoCart(page);
  await page.locator(".cart-product .comet-v2-checkbox").first().click();
  await waitForDemoCart(page);
  await page.locator(".cart-product").nth(1).locator("input.comet-v2-input-number-input").fill("2");
  await waitForDemoCart(page);
  await page.locator(".cart-summary-checkout").click();
  await page.waitForURL(
    /availableProductShopcartIds=10000000102,10000000103,10000000105&aeOrderFrom=main_shopcart/,
  );
  await waitForCheckout(page);
  await expect(page.locator(".pl-product")).toHaveCount(3);
  expect(await kindCents(page, "subtotal")).toBe(1899 * 2 + 899 * 3 + 2599);
});

test("taxes and duties: VAT in euros, import tax and ICMS in reais, Additional charges on .us", async ({
  page,
  shop,
}) => {
  const cases: [string, ShopHost, string[]][] = [
    ["eur", "es.aliexpress.com", ["VAT"]],
    ["brl", "pt.aliexpress.com", ["Import tax", "ICMS"]],
    ["us", "www.aliexpress.us", ["Additional charges"]],
    ["basic", "www.aliexpress.com", []],
  ];
  for (const [name, host, titles] of cases) {
    await page.goto(shop.checkoutUrl(name, { host }));
    const figures = await pageFigures(page);
    expect(
      figures.lines.filter((l) => l.kind === "tax").map((l) => l.title),
      name,
    ).toEqual(titles);
    expect(figures.tax > 0, name).toBe(titles.length > 0);
  }
});

const AGREEMENT: [string, ShopHost][] = [
  ["worked", "www.aliexpress.com"],
  ["basic", "www.aliexpress.com"],
  ["eur", "es.aliexpress.com"],
  ["brl", "pt.aliexpress.com"],
  ["us", "www.aliexpress.us"],
  ["large200", "www.aliexpress.com"],
];

for (const [name, host] of AGREEMENT) {
  test(`the optimizer's stack for the ${name} cart costs what it says at the checkout, before tax`, async ({
    page,
    shop,
  }) => {
    const scenario = loadScenario(name);
    await page.goto(shop.cartUrl(name, { host, delay: 50 }));
    const read = await readSettledCart(page);
    if (!read.ok) throw new Error(`${read.status}: ${read.reason}`);
    const result = optimize({
      now: scenario.now,
      cart: read.cart,
      wallet: scenario.wallet,
      ...(scenario.rules ? { rules: scenario.rules } : {}),
      options: { maxOrders: 1 },
    });

    await page.locator(".cart-summary-checkout").click();
    await page.waitForURL(/\/p\/trade\/confirm\.html/);

    // With nothing applied, the checkout charges the optimizer's baseline (plus its taxes).
    await setBox(page, ".demo-use-coins", false);
    await setBox(page, ".demo-use-points", false);
    let figures = await pageFigures(page);
    expect(figures.total - figures.tax).toBe(result.baseline);

    await setBox(page, ".demo-use-coins", true);
    await setBox(page, ".demo-use-points", true);
    await applyStack(page, result, scenario.wallet);
    figures = await pageFigures(page);
    expect(figures.total - figures.tax).toBe(result.total);
    expect(result.savings).toBe(result.baseline - result.total);
  });
}
