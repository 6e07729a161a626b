/**
 * The demo checkout prices orders with its own page JavaScript, written
 * separately from the optimizer. Here the optimizer is held to it: the stack
 * the optimizer picks for the cart the adapter read must cost, at the
 * checkout, exactly what the optimizer said.
 */
import type { Page } from "@playwright/test";
import { optimize } from "../../optimizer";
import type { Result, Wallet } from "../../optimizer/schema";
import { loadScenario } from "../fixtures/shop/scenarios";
import { expect, type ShopHost, test, waitForDemoCart } from "./support/extension";
import { readSettledCart } from "./support/read-cart";

test.use({ withExtension: false });

const cents = async (page: Page, testId: string): Promise<number> =>
  Number(await page.getByTestId(testId).getAttribute("data-cents"));

/** Coins and points boxes are disabled when the wallet has none. */
const setBox = async (page: Page, testId: string, on: boolean): Promise<void> => {
  const box = page.getByTestId(testId);
  if (await box.isEnabled()) await box.setChecked(on);
};

/** Puts the optimizer's single order into the checkout's controls. */
async function applyStack(page: Page, result: Result, wallet: Wallet): Promise<void> {
  const [order] = result.orders;
  if (!order || result.orders.length !== 1) throw new Error("expected one order");
  for (const c of order.storeCoupons)
    await page.getByTestId(`store-coupon-${c.storeId}`).selectOption(c.couponId);
  if (order.selectCoupon) await page.getByTestId("select-coupon").selectOption(order.selectCoupon.couponId);
  if (order.platformCoupon) {
    const coupon = wallet.coupons.find((c) => c.id === order.platformCoupon?.couponId);
    if (coupon?.kind === "promo" && coupon.code) {
      await page.getByTestId("promo-code").fill(coupon.code.toLowerCase());
      await page.getByTestId("promo-apply").click();
      await expect(page.getByTestId("promo-status")).toContainText("applied");
    } else await page.getByTestId("platform-coupon").selectOption(order.platformCoupon.couponId);
  }
}

test("the checkout prices the worked example of stacking-rules.md", async ({ page, shop }) => {
  await page.goto(shop.checkoutUrl("worked"));
  await page.getByTestId("use-coins").uncheck();
  // Nothing applied: the baseline.
  expect(await cents(page, "checkout-total")).toBe(5299);

  await page.getByTestId("store-coupon-1100000001").selectOption("A1");
  await page.getByTestId("platform-coupon").selectOption("P");
  await page.getByTestId("use-coins").check();
  expect(await cents(page, "items-subtotal")).toBe(5100);
  expect(await cents(page, "store-coupons-amount")).toBe(300);
  expect(await cents(page, "platform-coupon-amount")).toBe(500);
  await expect(page.getByTestId("coins-used")).toHaveText("129");
  expect(await cents(page, "shipping-amount")).toBe(199);
  expect(await cents(page, "checkout-total")).toBe(4370);
  await expect(page.getByTestId("checkout-total")).toHaveText("US $43.70");
  await expect(page.getByTestId("checkout-error")).toHaveCount(0);
});

test("a coupon below its minimum spend is refused, not applied", async ({ page, shop }) => {
  // Without store B's item the order is 21.00, below P's 40.00 minimum.
  await page.goto(shop.cartUrl("worked", { delay: 50, opDelay: 20 }));
  await waitForDemoCart(page);
  await page.locator(".cart-product .comet-v2-checkbox").nth(2).click();
  await waitForDemoCart(page);
  await page.locator(".cart-summary-checkout").click();
  await page.waitForURL(/\/p\/trade\/confirm\.html/);
  await page.getByTestId("use-coins").uncheck();
  expect(await cents(page, "checkout-total")).toBe(2100 + 199);

  await page.getByTestId("platform-coupon").selectOption("P");
  await expect(page.getByTestId("checkout-error")).toHaveAttribute("data-coupon-id", "P");
  await expect(page.getByTestId("checkout-error")).toContainText("spend US $19.00 more");
  expect(await cents(page, "platform-coupon-amount")).toBe(0);
  expect(await cents(page, "checkout-total")).toBe(2100 + 199);
});

test("coupons that are expired or used cannot be picked", async ({ page, shop }) => {
  await page.goto(shop.checkoutUrl("basic"));
  await expect(page.getByTestId("platform-coupon").locator('option[value="OLD-P1000"]')).toBeDisabled();
  await expect(page.getByTestId("platform-coupon").locator('option[value="USED-P800"]')).toBeDisabled();
  await expect(page.getByTestId("platform-coupon").locator('option[value="P300"]')).toBeEnabled();
});

test("a promo code takes the platform coupon's place", async ({ page, shop }) => {
  await page.goto(shop.checkoutUrl("basic"));
  await page.getByTestId("platform-coupon").selectOption("P5PCT");
  expect(await cents(page, "platform-coupon-amount")).toBeGreaterThan(0);
  await page.getByTestId("promo-code").fill("nope");
  await page.getByTestId("promo-apply").click();
  await expect(page.getByTestId("promo-status")).toHaveText("This code does not exist.");
  await page.getByTestId("promo-code").fill("STACK5");
  await page.getByTestId("promo-apply").click();
  await expect(page.getByTestId("platform-coupon")).toHaveValue("");
  expect(await cents(page, "platform-coupon-amount")).toBe(500);
});

test("the cart's ticks and quantities travel to the checkout", async ({ page, shop }) => {
  await page.goto(shop.cartUrl("basic", { delay: 50, opDelay: 20 }));
  await waitForDemoCart(page);
  await page.locator(".cart-product .comet-v2-checkbox").first().click();
  await waitForDemoCart(page);
  await page.locator(".cart-product").nth(1).locator("input.comet-v2-input-number-input").fill("2");
  await waitForDemoCart(page);
  await page.locator(".cart-summary-checkout").click();
  await page.waitForURL(/\/p\/trade\/confirm\.html/);
  await expect(page.getByTestId("checkout-line")).toHaveCount(3);
  expect(await cents(page, "items-subtotal")).toBe(1899 * 2 + 899 * 3 + 2599);
});

const AGREEMENT: [string, ShopHost][] = [
  ["worked", "www.aliexpress.com"],
  ["basic", "www.aliexpress.com"],
  ["eur", "es.aliexpress.com"],
  ["brl", "pt.aliexpress.com"],
  ["large200", "www.aliexpress.com"],
];

for (const [name, host] of AGREEMENT) {
  test(`the optimizer's stack for the ${name} cart costs what it says at the checkout`, async ({
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
    await expect(page.getByTestId("checkout-total")).toBeVisible();

    // With nothing applied, the checkout charges the optimizer's baseline.
    await setBox(page, "use-coins", false);
    await setBox(page, "use-points", false);
    expect(await cents(page, "checkout-total")).toBe(result.baseline);

    await setBox(page, "use-coins", true);
    await setBox(page, "use-points", true);
    await applyStack(page, result, scenario.wallet);
    await expect(page.getByTestId("checkout-error")).toHaveCount(0);
    expect(await cents(page, "checkout-total")).toBe(result.total);
    expect(result.savings).toBe(result.baseline - result.total);
  });
}
