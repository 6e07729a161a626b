/**
 * The demo shop's pages as a shopper works them: the cart (ticking,
 * quantities, removing, scrolling to its next page, going to checkout) and
 * the checkout (its own figures read as the extension's DOM fallback reads
 * them, its coupon pickers, its pay button's touch counter), each with the
 * extension's panel in it.
 */
import { JSDOM } from "jsdom";
import type { OrderResult, Wallet } from "../../../optimizer/schema";
import { summaryFigures } from "../../../src/adapters/aliexpress-checkout";
import { captureCheckoutPage } from "../../../src/adapters/aliexpress-checkout-capture";
import type { CheckoutFigures } from "../../../src/adapters/types";
import { isMessage, Refusal } from "../../../src/core/message";
import { css, type Driver, eventually, type ShopUrlOptions, type Tab } from "../driver/driver";
import { PanelFrame } from "./panel";

const cartReady = () => {
  const stage = document.body.dataset.demoStage;
  return (stage === "2" || stage === "error") && !document.querySelector(".cart-op-loading");
};

export class ShopCart {
  constructor(
    private readonly driver: Driver,
    readonly ui: Tab = driver.tab,
  ) {}

  /** Opens a demo cart at the desktop size, quick to hydrate unless told otherwise. */
  async open(scenario: string, options: ShopUrlOptions = {}): Promise<void> {
    await this.ui.setViewport(1280, 900);
    await this.ui.goto(this.driver.shop.cartUrl(scenario, { delay: 60, opDelay: 40, ...options }));
  }

  /** Waits until the demo cart has finished hydrating and no change is pending (its own marker; the extension must not rely on it). */
  async ready(): Promise<void> {
    await eventually(() => this.ui.evaluate(cartReady, undefined), true, "the demo cart", 15_000);
  }

  panel = async (): Promise<PanelFrame> => new PanelFrame(await this.ui.frame("panel.html"));

  async toggleLine(n: number): Promise<void> {
    await this.ready();
    await this.ui.click(css(".cart-product .comet-v2-checkbox", { nth: n }));
  }

  /** Types a quantity, as into a React-controlled box. */
  async setQuantity(n: number, quantity: number): Promise<void> {
    await this.ready();
    await this.ui.fill(css(".cart-product input.comet-v2-input-number-input", { nth: n }), String(quantity));
  }

  async removeFirstLine(): Promise<void> {
    await this.ready();
    await this.ui.click(css(".cart-product-remove"));
  }

  /** Scrolls to the end, where the page loads its next page of lines. */
  async scrollToEnd(): Promise<void> {
    await this.ready();
    await this.ui.scrollToEnd();
  }

  /** Presses the page's checkout button and waits for the checkout. */
  async toCheckout(): Promise<ShopCheckout> {
    await this.ready();
    await this.ui.navigating(() => this.ui.click(css(".cart-summary-checkout")));
    await eventually(async () => /\/p\/trade\/confirm\.html/.test(this.ui.url()), true, "the checkout");
    return new ShopCheckout(this.driver, this.ui);
  }
}

export class ShopCheckout {
  constructor(
    private readonly driver: Driver,
    readonly ui: Tab = driver.tab,
  ) {}

  async open(scenario: string, options: { host?: ShopUrlOptions["host"]; fromCart?: boolean } = {}) {
    await this.ui.setViewport(1280, 900);
    await this.ui.goto(this.driver.shop.checkoutUrl(scenario, options));
  }

  panel = async (): Promise<PanelFrame> => new PanelFrame(await this.ui.frame("panel.html"));

  /** Waits until the checkout has loaded and is not waiting for an answer. */
  async ready(): Promise<void> {
    await eventually(
      () =>
        this.ui.evaluate(
          () => document.body.dataset.demoStage === "2" && document.querySelector(".comet-loading") === null,
          undefined,
        ),
      true,
      "the demo checkout",
      15_000,
    );
  }

  /** What the page shows now: total, summary lines, taxes (read as the extension's DOM fallback reads them). */
  async figures(): Promise<CheckoutFigures> {
    await this.ready();
    const figures = summaryFigures(captureCheckoutPage(new JSDOM(await this.ui.content()).window.document));
    if (isMessage(figures)) throw new Refusal(figures);
    return figures;
  }

  /** Picks the order's store, Select and AliExpress coupons in the page's own lists. */
  async pickCoupons(order: OrderResult, wallet: Wallet): Promise<void> {
    for (const c of order.storeCoupons) {
      await this.ready();
      await this.ui.select(
        css(`select.demo-coupon-select[data-kind="store"][data-store-id="${c.storeId}"]`),
        c.couponId,
      );
    }
    if (order.selectCoupon) {
      await this.ready();
      await this.ui.select(css('select.demo-coupon-select[data-kind="select"]'), order.selectCoupon.couponId);
    }
    const id = order.platformCoupon?.couponId;
    if (id && wallet.coupons.find((c) => c.id === id)?.kind === "platform") {
      await this.ready();
      await this.ui.select(css('select.demo-coupon-select[data-kind="platform"]'), id);
    }
    await this.ready();
  }

  /** How often the pay button was clicked and focused: only a person paying may do either. */
  async payButtonTouches(): Promise<{ clicks: number; focus: number }> {
    const pay = css("button.place-order-primary-btn");
    return {
      clicks: Number(await this.ui.attr(pay, "data-clicks")),
      focus: Number(await this.ui.attr(pay, "data-focus")),
    };
  }
}
