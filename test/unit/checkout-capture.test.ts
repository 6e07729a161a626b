/**
 * The content script captures plain facts from the page and the background
 * reads them: the cart must come out exactly as if the reader had the
 * document itself. Also the demo checkout, with the page-world script's
 * wrappers catching its own responses, and "Apply" run from its source alone,
 * as `scripting.executeScript` does.
 */
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { aliexpress } from "../../src/adapters/aliexpress";
import { captureCartPage } from "../../src/adapters/aliexpress-capture";
import { applyAliExpressCheckout, readAliExpressCheckout } from "../../src/adapters/aliexpress-checkout";
import { cartCapturerFor, checkoutCapturerFor, type PageCapturer } from "../../src/adapters/capture";

/** Either kind of page's capturer (the content scripts each serve one kind). */
const capturerFor = (url: string): PageCapturer | undefined =>
  cartCapturerFor(url) ?? checkoutCapturerFor(url);

import { MAX_PAGE_STATE_CHARS, parsePageState } from "../../src/adapters/page-state-schema";
import type { CartRead, CartSnapshot, PromoApplyResult, StackChoices } from "../../src/adapters/types";
import { watchCheckoutApi } from "../../src/content/checkout/checkout-api";
import { pageStateReader } from "../../src/content/page-state-request";
import { message } from "../../src/core/message";
import { openShopPage } from "../fixtures/pages/live";
import { savedPage } from "../fixtures/pages/saved";
import { expectedCart, loadScenario } from "../fixtures/shop/scenarios";
import { CHECKOUT_PATH } from "../fixtures/shop/server";
import { inEnglish } from "./support/english";
import { demoShopForBlock } from "./support/shop";

const CART_URL = "https://www.aliexpress.com/p/shoppingcart/index.html";
const CHECKOUT_URL = "https://www.aliexpress.com/p/trade/confirm.html";

const saved = (name: string) => {
  const { html, state } = savedPage(name);
  return { document: new JSDOM(html, { url: CART_URL }).window.document, state };
};

/** What crossing into the background does to a capture: JSON and back. */
const overTheWire = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

const okRead = (read: CartRead) => {
  if (!read.ok) throw new Error(`expected a cart, got ${read.status}: ${read.reason}`);
  return read;
};

describe("a cart captured in the page and read in the background", () => {
  // The 200-line page is drawn by the demo shop's script at test time (saved.ts).

  const PAGES_READ = [
    "basic-initial",
    "basic-stage1",
    "basic-hydrated",
    "basic-quantity",
    "basic-unticked",
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

describe("the demo checkout, read and operated as in the browser", () => {
  const shop = demoShopForBlock();

  /**
   * The checkout page running its own scripts, with the page-world script's
   * wrappers installed first (as at document_start). The page asks its own
   * origin for its data here: only the real hosts' pages ask an acs. host.
   */
  const openCheckout = async (scenario: string, query = "") => {
    const url = `${shop.url}${CHECKOUT_PATH}?scenario=${scenario}${query}`;
    const dom = await openShopPage(url, watchCheckoutApi);
    await until(dom, () => dom.window.document.body?.dataset.demoStage === "2");
    return { dom, readState: pageStateReader(dom.window as unknown as Window) };
  };

  const until = async (dom: JSDOM, ready: () => boolean) => {
    const end = Date.now() + 10_000;
    while (!ready()) {
      if (Date.now() > end)
        throw new Error(
          `the checkout did not get there: ${dom.window.document.body?.textContent?.slice(0, 300)}`,
        );
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  const readPage = (dom: JSDOM, readState: () => string | null, lastCart?: CartSnapshot) =>
    readAliExpressCheckout(
      {
        url: CHECKOUT_URL + new URL(dom.window.location.href).search,
        apiState: readState(),
        dom: overTheWire(capturerFor(CHECKOUT_URL)?.capture(dom.window.document)),
      },
      lastCart,
    );

  /** Runs the adapter's apply from its source text in the page, as executeScript does. */
  const applyBySource = (dom: JSDOM, choices: StackChoices): Promise<PromoApplyResult> =>
    dom.window.eval(
      `(${applyAliExpressCheckout.toString()})(${JSON.stringify(choices)})`,
    ) as Promise<PromoApplyResult>;

  const payButton = (dom: JSDOM) =>
    dom.window.document.querySelector<HTMLElement>("button.place-order-primary-btn");
  const code = (c: string): StackChoices => ({
    storeCoupons: [],
    selectCouponId: null,
    platform: { kind: "code", couponId: `CODE-${c}`, code: c },
    useCoins: true,
    usePoints: true,
  });

  it.each(["basic", "eur", "brl"])(
    "reads %s from the page's data, and the same figures from its summary",
    async (name) => {
      const { dom, readState } = await openCheckout(name);
      try {
        const fromData = okRead(readPage(dom, readState));
        expect(fromData.checkout?.source).toBe("api");
        const scenario = loadScenario(name);
        expect(fromData.cart.items.map((i) => i.quantity)).toEqual(
          scenario.lines.filter((l) => l.valid && l.selected).map((l) => l.quantity),
        );
        // No page-world script: the summary rows and the per-character total, with the cart's lines.
        const cart = expectedCart(scenario);
        const ticked = cart.items.filter((i) => i.selected);
        const lastCart: CartSnapshot = {
          cart,
          lines: cart.items.map((i) => ({ id: i.id, itemId: i.id, cartId: i.id, skuInfo: "" })),
        };
        const fromRows = okRead(
          readAliExpressCheckout(
            {
              url: `${CHECKOUT_URL}?availableProductShopcartIds=${ticked.map((i) => i.id).join(",")}`,
              dom: overTheWire(capturerFor(CHECKOUT_URL)?.capture(dom.window.document)),
            },
            lastCart,
          ),
        );
        expect(fromRows.checkout).toMatchObject({
          source: "dom",
          total: fromData.checkout?.total,
          tax: fromData.checkout?.tax,
          lines: fromData.checkout?.lines,
        });
        if (name !== "basic") expect(fromData.checkout?.tax).toBeGreaterThan(0);
      } finally {
        dom.window.close();
      }
    },
  );

  it("Apply types a good code the React way: the page takes it, its total drops, the pay button is untouched", async () => {
    const { dom, readState } = await openCheckout("basic");
    try {
      const before = okRead(readPage(dom, readState)).checkout?.total ?? 0;
      const result = await applyBySource(dom, code("STACK5"));
      expect(result).toEqual({
        state: "applied",
        message: message("panel_applyApplied", "STACK5"),
        code: "STACK5",
      });
      const after = okRead(readPage(dom, readState));
      expect(after.checkout?.promo).toEqual({ status: "applied", message: "" });
      expect(after.checkout?.lines.find((l) => l.kind === "promo-code")?.cents).toBe(-500);
      // Coins follow the total down (a percentage cap), so the total drops by the code less a few coins.
      expect(after.checkout?.total).toBeLessThan(before);
      expect(after.notes.map(inEnglish)[0]).toBe(
        "Read from the checkout's own data (its latest adjustorder response).",
      );
      expect(payButton(dom)?.dataset).toMatchObject({ clicks: "0", focus: "0" });
      expect(dom.window.document.querySelector<HTMLInputElement>("input.pl-promoCode-input")?.value).toBe("");
    } finally {
      dom.window.close();
    }
  });

  it("Apply with a code the page refuses reports the page's message, and nothing changes", async () => {
    const { dom, readState } = await openCheckout("basic");
    try {
      const before = okRead(readPage(dom, readState)).checkout;
      const result = await applyBySource(dom, code("NOPE10"));
      expect(result).toEqual({
        state: "refused",
        message: message("panel_applyRefused", "NOPE10", "This code is invalid. Please check and try again."),
        code: "NOPE10",
      });
      const after = okRead(readPage(dom, readState)).checkout;
      expect(after?.total).toBe(before?.total);
      expect(after?.promo?.status).toBe("refused");
      expect(dom.window.document.querySelector<HTMLInputElement>("input.pl-promoCode-input")?.value).toBe(
        "NOPE10",
      );
      expect(payButton(dom)?.dataset).toMatchObject({ clicks: "0", focus: "0" });
    } finally {
      dom.window.close();
    }
  });

  it("has nothing to apply without a promo code, and touches nothing", async () => {
    const { dom } = await openCheckout("basic");
    try {
      const html = dom.window.document.querySelector(".pl-side-container")?.innerHTML;
      const result = await applyBySource(dom, {
        ...code("X"),
        platform: { kind: "coupon", couponId: "P300" },
      });
      expect(result.state).toBe("nothing-to-apply");
      expect(dom.window.document.querySelector(".pl-side-container")?.innerHTML).toBe(html);
    } finally {
      dom.window.close();
    }
  });

  it("is React-controlled like the real page: a value assigned plainly is never seen", async () => {
    const { dom } = await openCheckout("basic");
    try {
      const doc = dom.window.document;
      doc.querySelector<HTMLElement>(".pl-summary__item-arrow-pc")?.click();
      const input = doc.querySelector<HTMLInputElement>("input.pl-promoCode-input");
      if (!input) throw new Error("no promo input");
      input.value = "STACK5";
      input.dispatchEvent(new dom.window.Event("input", { bubbles: true }));
      doc.querySelector<HTMLElement>("button.pl-promoCode-input-button")?.click();
      await until(dom, () => doc.querySelector(".promoErrorTip") !== null);
      expect(doc.querySelector(".promoErrorTip")?.textContent).toBe("Please enter a code.");
    } finally {
      dom.window.close();
    }
  });
});
