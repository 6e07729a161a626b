/**
 * The in-page panel (panel.html in a closed shadow root of the shop's page),
 * as the shopper reads it: the stack's total, savings and orders, the cart's
 * status, the checkout's figures; and what each figure must be.
 */
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import type { Result } from "../../../optimizer/schema";
import { eventually, type Surface, type Target, testId } from "../driver/driver";
import { axeViolations } from "./a11y";

export const couponIdsOf = (order: Result["orders"][number]): string[] =>
  [
    ...order.storeCoupons.map((c) => c.couponId),
    ...(order.selectCoupon ? [order.selectCoupon.couponId] : []),
    ...(order.platformCoupon ? [order.platformCoupon.couponId] : []),
  ].sort();

export class PanelFrame {
  constructor(readonly ui: Surface) {}

  /** Waits until the stack's total is `cents`. */
  async shows(cents: number, timeoutMs = 10_000): Promise<void> {
    await eventually(
      () => this.ui.attr(testId("stack-total"), "data-cents"),
      String(cents),
      "the panel's stack total",
      timeoutMs,
    );
  }

  /** Waits until the panel shows exactly this result: total, savings, and each order's total and coupons. */
  async showsStack(result: Result): Promise<void> {
    await this.shows(result.total);
    strictEqual(await this.ui.cents(testId("stack-savings")), result.savings, "stack savings");
    strictEqual(
      await this.ui.cents(testId("stack-vs-greedy")),
      Math.max(0, result.greedyTotal - result.total),
      "saving against the greedy stack",
    );
    await eventually(() => this.ui.count(testId("stack-order")), result.orders.length, "the orders");
    const shown = await this.ui.evaluate((orderSel: string) => {
      return [...document.querySelectorAll(orderSel)].map((card) => ({
        total: Number(card.querySelector('[data-testid="order-total"]')?.getAttribute("data-cents")),
        coupons: [...card.querySelectorAll("[data-testid=stack-slot][data-coupon-id]")]
          .map((e) => e.getAttribute("data-coupon-id") ?? "")
          .sort(),
      }));
    }, '[data-testid="stack-order"]');
    deepStrictEqual(
      shown,
      result.orders.map((o) => ({ total: o.total, coupons: couponIdsOf(o) })),
      "each order's total and coupons",
    );
  }

  /** The coupon ids the panel's slots show, all orders together, sorted. */
  async shownCouponIds(): Promise<string[]> {
    return (await this.ui.attrs({ css: "[data-testid=stack-slot][data-coupon-id]" }, "data-coupon-id"))
      .map((id) => id ?? "")
      .sort();
  }

  /** Opens an order's folded lines, if it has some, and adds up the line prices it shows. */
  async paidInOrder(n: number): Promise<number> {
    const order = testId("stack-order", { nth: n });
    const more: Target = { role: "button", name: /items ▾$/, within: order };
    if ((await this.ui.count(more)) > 0) await this.ui.click(more);
    const paid = await this.ui.attrs(testId("stack-item", { within: order }), "data-paid-cents");
    return paid.reduce((t, p) => t + Number(p), 0);
  }

  status = (): Promise<string | null> => this.ui.attr(testId("cart-status"), "data-status");

  async hasStatus(status: string | RegExp): Promise<void> {
    await eventually(
      () => this.status(),
      (s) => (typeof status === "string" ? s === status : s !== null && status.test(s)),
      `the cart status ${status}`,
    );
  }

  hasTotal = async (): Promise<boolean> => (await this.ui.count(testId("stack-total"))) > 0;

  /** axe's violations in the panel. */
  axeViolations = (): Promise<string[]> => axeViolations(this.ui);
}
