/**
 * The checkout read from the page's own responses (saved `renderorder` and
 * `adjustorder` bodies of the demo shop's API, in the real envelope and
 * blocks): lines, stores, shipping, summary, total and taxes; the cart's
 * terms when the last cart covers the checkout; and hostile responses, which
 * must give a clear reason and never a partial order.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { optimize } from "../../optimizer";
import { readAliExpressCheckout, signedCents, summaryKind } from "../../src/adapters/aliexpress-checkout";
import type { CheckoutPageCapture } from "../../src/adapters/aliexpress-checkout-capture";
import type { CartRead, CartSnapshot } from "../../src/adapters/types";
import { MAX_API_CHARS } from "../../src/content/checkout/checkout-api";
import { message } from "../../src/core/message";
import { expectedCart, loadScenario } from "../fixtures/shop/scenarios";
import { inEnglish } from "./support/english";

const SAVED = join(__dirname, "..", "fixtures", "pages", "aliexpress-checkout");
const saved = (name: string): string => readFileSync(join(SAVED, `${name}.json`), "utf8");
const RENDER = "mtop.aliexpress.checkout.renderorder";
const ADJUST = "mtop.aliexpress.checkout.adjustorder";

const entry = (body: string | null, api = RENDER, n = 1, size = body?.length ?? 0) => ({
  api,
  n,
  ok: body !== null && /"ret":\s*\[\s*"SUCCESS/.test(body),
  size,
  body,
});
/** What the page-world script hands over: the last good response and a later failed one. */
const state = (good: ReturnType<typeof entry> | null, latest: ReturnType<typeof entry> | null = null) =>
  JSON.stringify({ kind: "checkout-api", good, latest });

const NO_DOM: CheckoutPageCapture = {
  page: "aliexpress-checkout",
  loading: false,
  summary: [],
  total: null,
  truncated: false,
  promoError: null,
};
const url = (host = "www.aliexpress.com", query = "") => `https://${host}/p/trade/confirm.html${query}`;

const readSaved = (name: string, lastCart?: CartSnapshot, host?: string) =>
  readAliExpressCheckout({ url: url(host), dom: NO_DOM, apiState: state(entry(saved(name))) }, lastCart);

const ok = (read: CartRead) => {
  if (!read.ok) throw new Error(`expected a checkout, got ${read.status}: ${inEnglish(read.reason)}`);
  return read;
};

const cartOf = (scenario: string): CartSnapshot => {
  const s = loadScenario(scenario);
  const cart = expectedCart(s);
  return {
    cart,
    lines: s.lines
      .filter((l) => l.valid)
      .map((l) => ({
        id: String(l.cartId),
        itemId: String(l.itemId),
        cartId: String(l.cartId),
        skuInfo: l.skuInfo,
      })),
  };
};

/** Mutates a saved body's blocks. */
const edited = (name: string, edit: (blocks: Record<string, unknown>) => void): string => {
  const body = JSON.parse(saved(name));
  edit(body.data.data);
  return JSON.stringify(body);
};

describe("a checkout read from its own data, standalone", () => {
  it("reads lines, stores, shipping, summary and total from renderorder", () => {
    const read = ok(readSaved("basic-renderorder"));
    const s = loadScenario("basic");
    const ticked = s.lines.filter((l) => l.valid && l.selected);
    expect(read.cart.items.map((i) => [i.title, i.unitPrice, i.quantity])).toEqual(
      ticked.map((l) => [l.title, l.unitPrice, l.quantity]),
    );
    expect(read.cart.stores.map((st) => st.name)).toEqual(["Cable World", "Home Things", "Gadget Hub"]);
    // Gadget Hub's 2.99 fee: the page charges it (the order is under its free-shipping threshold).
    expect(read.cart.stores.map((st) => st.shipping?.fee)).toEqual([0, 0, 299]);
    expect(read.lines.map((l) => l.itemId)).toEqual(ticked.map((l) => String(l.itemId)));
    const figures = read.checkout;
    expect(figures?.source).toBe("api");
    expect(figures?.tax).toBe(0);
    expect(figures?.lines.map((l) => [l.kind, l.cents])).toEqual([
      ["subtotal", 2598 + 1899 + 2697 + 2599],
      ["store-discount", expect.any(Number)],
      ["shipping", 299],
      ["coins", expect.any(Number)],
      ["points", -200],
    ]);
    expect(figures?.lines[1]?.cents).toBeLessThan(0);
    const sum = (figures?.lines ?? []).reduce((t, l) => t + l.cents, 0);
    expect(figures?.total).toBe(sum);
    // Without a cart, store ids, promotions and Choice marks are unknown, and the read says so.
    expect(read.notes.map(inEnglish).join(" ")).toContain("Read from this checkout alone");
    expect(read.cart.stores.every((st) => st.promotions.length === 0)).toBe(true);
    expect(read.corroborated).toBe(true);
  });

  it("takes store ids, promotions and Choice marks from the last cart when it covers the checkout", () => {
    const read = ok(readSaved("basic-renderorder", cartOf("basic")));
    const cart = expectedCart(loadScenario("basic"));
    const ticked = cart.items.filter((i) => i.selected);
    expect(read.cart.items.map((i) => [i.id, i.storeId, i.selectEligible])).toEqual(
      ticked.map((i) => [i.id, i.storeId, i.selectEligible]),
    );
    expect(read.cart.stores.map((st) => st.promotions)).toEqual(
      cart.stores.filter((st) => ticked.some((i) => i.storeId === st.id)).map((st) => st.promotions),
    );
    expect(read.lines.map((l) => l.cartId)).toEqual(ticked.map((i) => i.id));
    // The checkout's prices and the cart's terms give the page's own total before coins and points.
    const result = optimize({
      now: loadScenario("basic").now,
      cart: read.cart,
      wallet: { coupons: [], points: [] },
    });
    const figures = read.checkout;
    const coinsAndPoints = (figures?.lines ?? [])
      .filter((l) => l.kind === "coins" || l.kind === "points")
      .reduce((t, l) => t + l.cents, 0);
    expect(result.total).toBe((figures?.total ?? 0) - coinsAndPoints);
  });

  it.each([
    ["eur-renderorder", "es.aliexpress.com", ["VAT"]],
    ["brl-renderorder", "pt.aliexpress.com", ["Import tax", "ICMS"]],
    ["us-renderorder", "www.aliexpress.us", ["Additional charges"]],
  ])("names the taxes of %s and sums them", (name, host, titles) => {
    const figures = ok(readSaved(name, undefined, host)).checkout;
    const taxes = figures?.lines.filter((l) => l.kind === "tax") ?? [];
    expect(taxes.map((l) => l.title)).toEqual(titles);
    expect(taxes.every((l) => l.cents > 0)).toBe(true);
    expect(figures?.tax).toBe(taxes.reduce((t, l) => t + l.cents, 0));
  });

  it("reads the page's answer to a promo code", () => {
    const taken = ok(readSaved("basic-adjustorder-code")).checkout;
    expect(taken?.promo).toEqual({ status: "applied", message: "" });
    expect(taken?.lines.find((l) => l.kind === "promo-code")?.cents).toBe(-500);
    expect(taken?.lines.find((l) => l.kind === "store-coupon")?.cents).toBe(-200);
    const refused = ok(readSaved("basic-adjustorder-refused")).checkout;
    expect(refused?.promo?.status).toBe("refused");
    expect(refused?.promo?.message).toMatch(/invalid/);
  });

  it("reads the legacy grouped-product block", () => {
    const body = edited("basic-renderorder", (blocks) => {
      const products = Object.keys(blocks).filter((k) => k.startsWith("pc_checkout_product_"));
      const list = products.map((k) => (blocks[k] as { fields: unknown }).fields);
      for (const k of products) delete blocks[k];
      blocks.pc_checkout_group_product_1 = {
        type: "pc_checkout_group_product",
        fields: { intentionOrderList: list },
      };
    });
    const read = ok(
      readAliExpressCheckout({ url: url(), dom: NO_DOM, apiState: state(entry(body)) }, undefined),
    );
    expect(read.cart.items).toHaveLength(4);
  });
});

describe("hostile or broken responses", () => {
  const reason = (apiState: string) => {
    const read = readAliExpressCheckout({ url: url(), dom: NO_DOM, apiState }, undefined);
    if (read.ok) throw new Error("expected a refusal");
    return read;
  };

  it("refuses a 10 MB response without reading it", () => {
    const huge = `{"api":"${RENDER}","ret":["SUCCESS::"],"data":{"data":{"x":"${"a".repeat(10_000_000)}"}}}`;
    // The page world keeps no body above its cap; it says how large it was.
    expect(huge.length).toBeGreaterThan(MAX_API_CHARS);
    const read = reason(state(null, entry(null, RENDER, 1, huge.length)));
    expect(read.status).toBe("unreadable");
    expect(inEnglish(read.reason)).toContain("larger than Stackwise reads (about 11 MB)");
    // And text that large sent anyway is refused before parsing.
    expect(inEnglish(reason(state(entry(huge))).reason)).toContain("larger than Stackwise reads");
  });

  it("an envelope with ret FAIL: alone it is a refusal; after a good one, the good one counts, with a note", () => {
    const failed = JSON.stringify({
      api: ADJUST,
      ret: ["FAIL_SYS_TOKEN_EXOIRED::令牌过期"],
      v: "1.0",
      data: {},
    });
    expect(inEnglish(reason(state(null, entry(failed, ADJUST))).reason)).toBe(
      "the page's adjustorder request failed: FAIL_SYS_TOKEN_EXOIRED::令牌过期",
    );
    const read = ok(
      readAliExpressCheckout(
        {
          url: url(),
          dom: NO_DOM,
          apiState: state(entry(saved("basic-renderorder")), entry(failed, ADJUST, 2)),
        },
        undefined,
      ),
    );
    expect(read.notes.map(inEnglish)).toContain(
      "The page's last update was not used (the page's adjustorder request failed: FAIL_SYS_TOKEN_EXOIRED::令牌过期): the figures are from the one before.",
    );
  });

  it("refuses a total that does not parse", () => {
    const body = edited("basic-renderorder", (blocks) => {
      (blocks.checkout_order_total_116150 as { fields: unknown }).fields = {
        priceList: [{ content: { content: "US $12.3.4" } }],
      };
    });
    expect(inEnglish(reason(state(entry(body))).reason)).toBe(
      'the checkout\'s total ("US $12.3.4") cannot be read as an amount',
    );
  });

  it("refuses a block keyed like a product but shaped like nothing known", () => {
    const body = edited("basic-renderorder", (blocks) => {
      blocks.pc_checkout_product_999 = {
        type: "pc_checkout_product_v2",
        fields: { item: { price: "US $1.00" } },
      };
    });
    expect(inEnglish(reason(state(entry(body))).reason)).toBe(
      "checkout block pc_checkout_product_999 looks like a line but is shaped like nothing Stackwise knows",
    );
    const typed = edited("basic-renderorder", (blocks) => {
      blocks.x1 = {
        type: "pc_checkout_product",
        fields: { prices: { children: {} }, quantity: { current: 1 } },
      };
    });
    expect(inEnglish(reason(state(entry(typed))).reason)).toContain("looks like a line");
  });

  it("refuses a response that arrives for another API", () => {
    const other = JSON.stringify({
      ...JSON.parse(saved("basic-renderorder")),
      api: "mtop.aliexpress.trade.cart.render",
    });
    expect(inEnglish(reason(state(entry(other))).reason)).toBe(
      "a response of another service (mtop.aliexpress.trade.cart.render) came instead of the checkout's",
    );
  });

  it("refuses a tax line that does not parse, a body that is not JSON, mixed currencies", () => {
    const tax = edited("eur-renderorder", (blocks) => {
      const summary = blocks.checkout_order_summary_TOTAL_SUMMARY as { fields: { summaryLines: unknown[] } };
      summary.fields.summaryLines.push({ title: { title: "Duty" }, content: { content: "to be confirmed" } });
    });
    expect(inEnglish(reason(state(entry(tax))).reason)).toBe(
      "the checkout's tax line Duty cannot be read as an amount",
    );
    expect(inEnglish(reason(state(entry("{not json"))).reason)).toBe(
      "the checkout's renderorder response is not JSON",
    );
    const mixed = edited("basic-renderorder", (blocks) => {
      const p = blocks.pc_checkout_product_10000000103 as {
        fields: { prices: { children: { retailPrice: { currency: string } } } };
      };
      p.fields.prices.children.retailPrice.currency = "EUR";
    });
    expect(inEnglish(reason(state(entry(mixed))).reason)).toContain("mixed currencies");
  });

  it("ignores a page-world answer that is not a capture of checkout responses", () => {
    const read = readAliExpressCheckout(
      { url: url(), dom: NO_DOM, apiState: '{"ok":true,"data":{}}' },
      undefined,
    );
    expect(read).toMatchObject({ ok: false, status: "loading" });
  });
});

describe("the summary, from the page's rows when its data was not seen", () => {
  const summary = [
    { title: "Summary", content: "" },
    { title: "Subtotal", content: "US $51.00" },
    { title: "Promo code", content: "Enter code here" },
    { title: "Shipping fee", content: "US $1.99" },
    { title: "Additional charges", content: "US $3.57" },
  ];
  const dom: CheckoutPageCapture = { ...NO_DOM, summary, total: "US $ 5 6 . 5 6" };

  it("reads the summary rows and the per-character total, with the cart's lines the address names", () => {
    const lastCart = cartOf("worked");
    const read = ok(
      readAliExpressCheckout(
        {
          url: url(
            "www.aliexpress.com",
            "?availableProductShopcartIds=20000000001,20000000002&aeOrderFrom=main_shopcart",
          ),
          dom,
        },
        lastCart,
      ),
    );
    expect(read.cart.items.map((i) => i.id)).toEqual(["20000000001", "20000000002"]);
    expect(read.checkout).toMatchObject({ source: "dom", total: 5656, tax: 357 });
    expect(read.checkout?.lines.map((l) => l.kind)).toEqual(["subtotal", "shipping", "tax"]);
    expect(inEnglish(read.notes[0] ?? message("appName"))).toContain("Read from the checkout's summary");
  });

  it("says what it needs when the address names no lines, or no cart was read", () => {
    const noLines = readAliExpressCheckout({ url: url(), dom }, cartOf("worked"));
    expect(noLines.ok ? "" : inEnglish(noLines.reason)).toContain("the page's next update");
    const noCart = readAliExpressCheckout(
      { url: url("www.aliexpress.com", "?availableProductShopcartIds=1"), dom },
      undefined,
    );
    expect(noCart.ok ? "" : inEnglish(noCart.reason)).toContain("open your cart");
    expect(readAliExpressCheckout({ url: url(), dom: NO_DOM }, undefined)).toMatchObject({
      ok: false,
      status: "loading",
    });
    expect(readAliExpressCheckout({ url: url(), dom: { nonsense: true } }, undefined)).toMatchObject({
      ok: false,
      status: "unreadable",
    });
  });
});

describe("summary words and amounts", () => {
  it.each([
    ["VAT", "tax"],
    ["IVA", "tax"],
    ["ICMS", "tax"],
    ["Import tax", "tax"],
    ["Duty", "tax"],
    ["Additional charges", "tax"],
    ["Subtotal", "subtotal"],
    ["Total item costs", "subtotal"],
    ["Shipping fee", "shipping"],
    ["Total shipping", "shipping"],
    ["Promo codes", "promo-code"],
    ["Store coupons", "store-coupon"],
    ["AliExpress coupon", "platform-coupon"],
    ["Select coupon", "select-coupon"],
    ["Store discount", "store-discount"],
    ["Bonus", "coins"],
    ["Store points", "points"],
    ["Summary", "other"],
  ])("%s is %s", (title, kind) => {
    expect(summaryKind(title)).toBe(kind);
  });

  it("reads signed amounts and refuses what is not one", () => {
    expect(signedCents("- US $3.00", "USD")).toBe(-300);
    expect(signedCents("−1.234,56\u00a0€", "EUR")).toBe(-123456);
    expect(signedCents("Free", "USD")).toBe(0);
    expect(signedCents("R$ 12,34", "BRL")).toBe(1234);
    expect(signedCents("Enter code here", "USD")).toBeNull();
    expect(signedCents("€5.00", "USD")).toBeNull();
  });
});
