/**
 * The content script captures plain facts from the page and the background
 * reads them: the cart must come out exactly as if the reader had the
 * document itself. Also the checkout page: its lines priced with the cart's
 * terms, and "Apply" run from its source alone, as `scripting.executeScript` does.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { optimize } from "../../optimizer";
import { aliexpress } from "../../src/adapters/aliexpress";
import { captureCartPage } from "../../src/adapters/aliexpress-capture";
import { applyAliExpressCheckout, readAliExpressCheckout } from "../../src/adapters/aliexpress-checkout";
import { capturerFor } from "../../src/adapters/capture";
import type { PageStateSnapshot } from "../../src/adapters/page-state";
import { MAX_PAGE_STATE_CHARS, parsePageState } from "../../src/adapters/page-state-schema";
import type { ApplyResult, CartRead, CartSnapshot, StackChoices } from "../../src/adapters/types";
import { choicesFor } from "../../src/checkout/choices";
import { expectedCart, loadScenario } from "../fixtures/shop/scenarios";
import { CHECKOUT_PATH, type RunningShop, startShop } from "../fixtures/shop/server";

const PAGES = join(__dirname, "..", "fixtures", "pages", "aliexpress");
const CART_URL = "https://www.aliexpress.com/p/shoppingcart/index.html";
const CHECKOUT_URL = "https://www.aliexpress.com/p/trade/confirm.html";

const saved = (name: string) => ({
  document: new JSDOM(readFileSync(join(PAGES, `${name}.html`), "utf8"), { url: CART_URL }).window.document,
  state: JSON.parse(readFileSync(join(PAGES, `${name}.state.json`), "utf8")) as PageStateSnapshot,
});

/** What crossing into the background does to a capture: JSON and back. */
const overTheWire = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

const okRead = (read: CartRead) => {
  if (!read.ok) throw new Error(`expected a cart, got ${read.status}: ${read.reason}`);
  return read;
};

describe("a cart captured in the page and read in the background", () => {
  const PAGES_READ = [
    "basic-initial",
    "basic-stage1",
    "basic-hydrated",
    "basic-quantity",
    "basic-unticked",
    "basic-removed-all",
    "eur-hydrated",
    "brl-hydrated",
    "large200-hydrated",
    "broken-hydrated",
    "empty-hydrated",
  ];
  it.each(PAGES_READ)("reads %s exactly as from the document, with and without page state", (name) => {
    const { document, state } = saved(name);
    const dom = overTheWire(captureCartPage(document));
    for (const pageState of [state, undefined]) {
      const fromDocument = aliexpress.readCart({ url: CART_URL, document, pageState });
      const fromCapture = aliexpress.readCart({ url: CART_URL, dom, pageState });
      expect(fromCapture).toEqual(fromDocument);
    }
  });

  it("says a read is corroborated when the rows show the same lines as page state, and only then", () => {
    const hydrated = saved("basic-hydrated");
    const changed = saved("basic-quantity");
    const dom = captureCartPage(hydrated.document);
    expect(aliexpress.readCart({ url: CART_URL, dom, pageState: hydrated.state })).toMatchObject({
      ok: true,
      corroborated: true,
    });
    // Page state already changed, rows not yet redrawn.
    expect(aliexpress.readCart({ url: CART_URL, dom, pageState: changed.state })).toMatchObject({
      ok: true,
      corroborated: false,
    });
    // Nothing to compare with.
    expect(aliexpress.readCart({ url: CART_URL, pageState: hydrated.state })).toMatchObject({
      ok: true,
      corroborated: false,
    });
  });

  it("says unreadable, never loading or a cart, when the capture is not what the page script sends", () => {
    const { document } = saved("basic-hydrated");
    const good = captureCartPage(document);
    const bad: unknown[] = [
      null,
      "rows",
      { ...good, page: "other" },
      { ...good, rows: [{ ...good.rows[0], price: 12 }] },
      { ...good, rows: [{ ...good.rows[0], quantity: "1".repeat(500) }] },
      { ...good, currency: "dollars" },
    ];
    for (const dom of bad)
      expect(aliexpress.readCart({ url: CART_URL, dom })).toMatchObject({ ok: false, status: "unreadable" });
  });

  it("refuses a capture that hit the row limit rather than reading part of a cart", () => {
    const { document } = saved("basic-hydrated");
    const dom = { ...captureCartPage(document), truncated: true };
    expect(aliexpress.readCart({ url: CART_URL, dom })).toMatchObject({ ok: false, status: "unreadable" });
  });
});

describe("the page-state copy as text", () => {
  it("is absent when no page script answered, and refused when it is not a snapshot", () => {
    expect(parsePageState(null)).toBeUndefined();
    expect(parsePageState("{")).toMatchObject({ ok: false, reason: "malformed" });
    expect(parsePageState('{"ok":true,"data":[],"truncated":false}')).toMatchObject({
      ok: false,
      reason: "malformed",
    });
    expect(parsePageState(" ".repeat(MAX_PAGE_STATE_CHARS + 1))).toMatchObject({
      ok: false,
      reason: "too-large",
    });
    expect(parsePageState('{"ok":false,"reason":"absent"}')).toEqual({ ok: false, reason: "absent" });
  });

  it("reads the saved state back to the same cart", () => {
    const { document, state } = saved("basic-hydrated");
    const pageState = parsePageState(JSON.stringify(state));
    expect(pageState).toEqual(state);
    const read = okRead(aliexpress.readCart({ url: CART_URL, dom: captureCartPage(document), pageState }));
    expect(read.cart).toEqual(expectedCart(loadScenario("basic")));
  });
});

describe("which pages the content script captures", () => {
  it.each([
    [CART_URL, "cart"],
    ["https://es.aliexpress.com/p/shoppingcart/index.html?x=1", "cart"],
    [CHECKOUT_URL, "checkout"],
    ["https://www.aliexpress.com/item/1.html", undefined],
    ["http://www.aliexpress.com/p/shoppingcart/index.html", undefined],
    ["https://aliexpress.com.evil.example/p/shoppingcart/index.html", undefined],
  ])("%s", (url, page) => {
    expect(capturerFor(url)?.page).toBe(page);
  });
});

describe("the demo checkout", () => {
  let shop: RunningShop;
  beforeAll(async () => {
    shop = await startShop();
  });
  afterAll(async () => {
    await shop.close();
  });

  /** The checkout page running its own scripts, with `fromCart` lines carried like the cart page does. */
  const openCheckout = async (scenario: string, fromCart?: { cartId: number; quantity: number }[]) => {
    const query = `scenario=${scenario}${fromCart ? "&from=cart" : ""}`;
    const url = `${shop.url}${CHECKOUT_PATH}?${query}`;
    const dom = await JSDOM.fromURL(url, {
      runScripts: "dangerously",
      resources: "usable",
      pretendToBeVisual: true,
      beforeParse(window) {
        (window as unknown as { fetch: typeof fetch }).fetch = (input, init) =>
          fetch(new URL(String(input), url), init);
        if (fromCart)
          window.sessionStorage.setItem("demo-shop:checkout", JSON.stringify({ scenario, lines: fromCart }));
      },
    });
    const end = Date.now() + 10_000;
    while (dom.window.document.body?.dataset.demoStage !== "2") {
      if (Date.now() > end) throw new Error("the checkout did not load");
      await new Promise((r) => setTimeout(r, 20));
    }
    return dom;
  };

  const cents = (doc: Document, testId: string) =>
    Number(doc.querySelector(`[data-testid="${testId}"]`)?.getAttribute("data-cents"));

  /** Runs the adapter's apply from its source text in the page, as executeScript does. */
  const applyBySource = (dom: JSDOM, choices: StackChoices): ApplyResult =>
    dom.window.eval(`(${applyAliExpressCheckout.toString()})(${JSON.stringify(choices)})`) as ApplyResult;

  const cartOf = (scenario: string): CartSnapshot => {
    const cart = expectedCart(loadScenario(scenario));
    return { cart, lines: cart.items.map((i) => ({ id: i.id, itemId: i.id, cartId: i.id, skuInfo: "" })) };
  };

  it("prices its lines with the cart's terms and refuses what the cart does not cover", async () => {
    const dom = await openCheckout("basic", [
      { cartId: 10000000101, quantity: 1 },
      { cartId: 10000000103, quantity: 3 },
    ]);
    try {
      const page = { url: CHECKOUT_URL, document: dom.window.document };
      const read = okRead(readAliExpressCheckout(page, cartOf("basic")));
      expect(read.source).toBe("checkout");
      expect(read.cart.items.map((i) => [i.id, i.quantity, i.selected])).toEqual([
        ["10000000101", 1, true],
        ["10000000103", 3, true],
      ]);
      expect(read.cart.stores.map((s) => s.id)).toEqual(["1102345678", "1103456789"]);
      // The content script's capture reads the same.
      const dom2 = overTheWire(capturerFor(CHECKOUT_URL)?.capture(dom.window.document));
      expect(readAliExpressCheckout({ url: CHECKOUT_URL, dom: dom2 }, cartOf("basic"))).toEqual(read);

      expect(readAliExpressCheckout(page, undefined)).toMatchObject({ ok: false, status: "unreadable" });
      const other = cartOf("worked");
      expect(readAliExpressCheckout(page, other)).toMatchObject({ ok: false, status: "unreadable" });
      // A price that changed since the cart was read is not papered over.
      const repriced = cartOf("basic");
      repriced.cart.items = repriced.cart.items.map((i) => ({ ...i, unitPrice: i.unitPrice + 1 }));
      expect(readAliExpressCheckout(page, repriced)).toMatchObject({ ok: false, status: "unreadable" });
    } finally {
      dom.window.close();
    }
  });

  it.each(["basic", "worked", "eur", "brl"])(
    "Apply with the optimizer's stack makes the %s checkout's own total equal the stack's",
    async (name) => {
      const scenario = loadScenario(name);
      const dom = await openCheckout(name);
      try {
        const doc = dom.window.document;
        const read = okRead(readAliExpressCheckout({ url: CHECKOUT_URL, document: doc }, cartOf(name)));
        const result = optimize({
          now: scenario.now,
          cart: read.cart,
          wallet: scenario.wallet,
          ...(scenario.rules ? { rules: scenario.rules } : {}),
        });
        const [order] = result.orders;
        if (!order) throw new Error("no order");
        const applied = applyBySource(
          dom,
          choicesFor(order, scenario.wallet.coupons, { useCoins: true, usePoints: true }),
        );
        expect(applied).toMatchObject({ ok: true });
        expect(doc.querySelectorAll('[data-testid="checkout-error"]')).toHaveLength(0);
        expect(cents(doc, "checkout-total")).toBe(result.total);
      } finally {
        dom.window.close();
      }
    },
  );

  it("clears earlier picks and types promo codes", async () => {
    const scenario = loadScenario("basic");
    const dom = await openCheckout("basic");
    try {
      const doc = dom.window.document;
      const none: StackChoices = {
        storeCoupons: [],
        selectCouponId: null,
        platform: null,
        useCoins: false,
        usePoints: false,
      };
      expect(
        applyBySource(dom, {
          ...none,
          platform: { kind: "code", couponId: "CODE-STACK5", code: "STACK5" },
          storeCoupons: [{ storeId: "1102345678", couponId: "CW200" }],
        }),
      ).toMatchObject({ ok: true });
      expect(cents(doc, "platform-coupon-amount")).toBe(500);
      expect(cents(doc, "store-coupons-amount")).toBe(200);
      expect(applyBySource(dom, none)).toMatchObject({ ok: true });
      const baseline = optimize({ now: scenario.now, cart: expectedCart(scenario), wallet: {} }).baseline;
      expect(cents(doc, "checkout-total")).toBe(baseline);
    } finally {
      dom.window.close();
    }
  });

  it("changes nothing when a choice is not offered, and says which", async () => {
    const dom = await openCheckout("basic");
    try {
      const doc = dom.window.document;
      const before = cents(doc, "checkout-total");
      const result = applyBySource(dom, {
        storeCoupons: [{ storeId: "1102345678", couponId: "CW200" }],
        selectCouponId: "NOPE",
        platform: { kind: "coupon", couponId: "OLD-P1000" },
        useCoins: false,
        usePoints: false,
      });
      expect(result).toEqual({
        ok: false,
        reason: expect.any(String),
        missing: ["Select coupon NOPE", "AliExpress coupon OLD-P1000"],
      });
      expect(cents(doc, "checkout-total")).toBe(before);
      expect(cents(doc, "store-coupons-amount")).toBe(0);
    } finally {
      dom.window.close();
    }
  });
});
