/**
 * The demo checkout as a shopper works it, for the end-to-end tests: its own
 * figures read from what it shows (the same capture and parsing as the
 * extension's DOM fallback, here in Node on a copy of the document), its
 * coupon pickers, its promo-code field, and its pay button's click counter.
 */
import type { Page } from "@playwright/test";
import { JSDOM } from "jsdom";
import type { OrderResult, Wallet } from "../../../optimizer/schema";
import { summaryFigures } from "../../../src/adapters/aliexpress-checkout";
import { captureCheckoutPage } from "../../../src/adapters/aliexpress-checkout-capture";
import type { CheckoutFigures } from "../../../src/adapters/types";
import { isMessage, Refusal } from "../../../src/core/message";

/** Waits until the checkout has loaded and is not waiting for an answer. */
export async function waitForCheckout(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.body.dataset.demoStage === "2" && document.querySelector(".comet-loading") === null,
  );
}

/** What the page shows now: total, summary lines, taxes. */
export async function pageFigures(page: Page): Promise<CheckoutFigures> {
  await waitForCheckout(page);
  const html = await page.content();
  const figures = summaryFigures(captureCheckoutPage(new JSDOM(html).window.document));
  if (isMessage(figures)) throw new Refusal(figures);
  return figures;
}

/** Picks the order's store, Select and AliExpress coupons in the page's own lists. */
export async function pickCoupons(page: Page, order: OrderResult): Promise<void> {
  for (const c of order.storeCoupons) {
    await waitForCheckout(page);
    await page
      .locator(`select.demo-coupon-select[data-kind="store"][data-store-id="${c.storeId}"]`)
      .selectOption(c.couponId);
  }
  if (order.selectCoupon) {
    await waitForCheckout(page);
    await page
      .locator('select.demo-coupon-select[data-kind="select"]')
      .selectOption(order.selectCoupon.couponId);
  }
  await waitForCheckout(page);
}

/** Picks the AliExpress coupon of the order, when it is one (not a promo code). */
export async function pickPlatform(page: Page, order: OrderResult, wallet: Wallet): Promise<void> {
  const id = order.platformCoupon?.couponId;
  if (!id || wallet.coupons.find((c) => c.id === id)?.kind !== "platform") return;
  await waitForCheckout(page);
  await page.locator('select.demo-coupon-select[data-kind="platform"]').selectOption(id);
  await waitForCheckout(page);
}

/** Types a promo code as a person would (Playwright's fill is real input) and presses Apply. */
export async function typePromoCode(page: Page, code: string): Promise<void> {
  await waitForCheckout(page);
  if (!(await page.locator("input.pl-promoCode-input").isVisible()))
    await page.locator(".pl-summary__item-arrow-pc").click();
  await page.locator("input.pl-promoCode-input").fill(code);
  await page.locator("button.pl-promoCode-input-button").click();
  await waitForCheckout(page);
}

/** How often the pay button was clicked and focused: only a person paying may do either. */
export async function payButtonTouches(page: Page): Promise<{ clicks: number; focus: number }> {
  const pay = page.locator("button.place-order-primary-btn");
  return {
    clicks: Number(await pay.getAttribute("data-clicks")),
    focus: Number(await pay.getAttribute("data-focus")),
  };
}
