/**
 * The AliExpress adapter on cart pages the demo shop draws in jsdom for this
 * run (test/fixtures/pages/saved.ts; capture.ts checks Chromium draws the
 * same), compared with the scenario data the shop rendered them from.
 */
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import type { Cart } from "../../optimizer/schema";
import { adapterFor, adapters } from "../../src/adapters";
import { aliexpress } from "../../src/adapters/aliexpress";
import { isCartPage, isCheckoutPage } from "../../src/adapters/aliexpress-capture";
import { type PageStateSnapshot, snapshotCartState } from "../../src/adapters/page-state";
import type { CartRead, PageInput } from "../../src/adapters/types";
import { openShopPage } from "../fixtures/pages/live";
import { savedPage } from "../fixtures/pages/saved";
import { expectedCart, loadScenario } from "../fixtures/shop/scenarios";
import { CART_PATH } from "../fixtures/shop/server";
import { inEnglish } from "./support/english";
import { demoShopForBlock } from "./support/shop";

const CART_URL = "https://www.aliexpress.com/p/shoppingcart/index.html";

/** A fresh document and a deep copy of page state, so tests can change either. */
const page = (
  name: string,
  options: { state?: boolean; cookie?: string; html?: (html: string) => string } = {},
): PageInput & { document: Document } => {
  const { html, state } = savedPage(name);
  const dom = new JSDOM(options.html ? options.html(html) : html, { url: CART_URL });
  if (options.cookie) dom.window.document.cookie = options.cookie;
  return {
    url: CART_URL,
    document: dom.window.document,
    ...(options.state === false ? {} : { pageState: state }),
  };
};

const okRead = (read: CartRead) => {
  if (!read.ok) throw new Error(`expected a cart, got ${read.status}: ${inEnglish(read.reason)}`);
  return read;
};

const stateData = (p: PageInput): Record<string, Record<string, unknown>> => {
  if (!p.pageState?.ok) throw new Error("no page state");
  return p.pageState.data as Record<string, Record<string, unknown>>;
};

/** The line node of a cart id, found the way the adapter must: by structure. */
const lineNode = (p: PageInput, cartId: number) => {
  const node = Object.values(stateData(p)).find(
    (n) => (n.fields as { itemView?: { cartId?: number } } | undefined)?.itemView?.cartId === cartId,
  );
  if (!node) throw new Error(`no line ${cartId}`);
  return node.fields as {
    itemView: Record<string, unknown>;
    priceViews: Record<string, unknown>[];
    checkbox: Record<string, unknown>;
  };
};

/** What the DOM can show of the expected cart: no cart ids, no store terms. */
const asDomCart = (cart: Cart, itemIds: Map<string, string>): Cart => ({
  ...cart,
  items: cart.items.map((i) => ({ ...i, id: `item-${itemIds.get(i.id)}` })),
  stores: cart.stores.map((s) => ({ id: s.id, name: s.name, promotions: [] })),
});

const itemIdsOf = (scenario: string) =>
  new Map(loadScenario(scenario).lines.map((l) => [String(l.cartId), String(l.itemId)]));

describe("which pages the adapter takes", () => {
  it.each([
    [CART_URL, true],
    ["https://es.aliexpress.com/p/shoppingcart/index.html?spm=a2g0o", true],
    ["https://pt.aliexpress.com/p/shoppingcart/index.html", true],
    ["http://www.aliexpress.com/p/shoppingcart/index.html", false],
    ["https://www.aliexpress.com/p/trade/confirm.html", false],
    ["https://www.aliexpress.com/item/1005006123456789.html", false],
    ["https://www.aliexpress.com.evil.example/p/shoppingcart/index.html", false],
    ["https://evilaliexpress.com/p/shoppingcart/index.html", false],
    ["https://www.aliexpress.us/p/shoppingcart/index.html", true],
    ["https://es.aliexpress.us/p/shoppingcart/index.html", true],
    ["https://aliexpress.ru/p/shoppingcart/index.html", false],
    ["https://www.aliexpress.ru/cart", false],
    ["not a url", false],
  ])("%s -> %s", (url, expected) => {
    expect(aliexpress.matches(url)).toBe(expected);
    expect(isCartPage(url)).toBe(expected);
    expect(adapterFor(url)).toBe(expected ? aliexpress : undefined);
  });

  it("knows the checkout page apart from the cart", () => {
    expect(isCheckoutPage("https://www.aliexpress.com/p/trade/confirm.html?x=1")).toBe(true);
    expect(isCheckoutPage(CART_URL)).toBe(false);
  });

  it("lists the AliExpress adapter", () => {
    expect(adapters.map((a) => a.id)).toEqual(["aliexpress"]);
  });
});

describe("a hydrated cart", () => {
  const basic = loadScenario("basic");

  it("is read from page state, exactly as the shop holds it", () => {
    const read = okRead(aliexpress.readCart(page("basic-hydrated")));
    expect(read.source).toBe("page-state");
    expect(read.cart).toEqual(expectedCart(basic));
  });

  it("has the figures the scenario was written with", () => {
    const { cart, lines } = okRead(aliexpress.readCart(page("basic-hydrated")));
    expect(cart.currency).toBe("USD");
    expect(cart.items[0]).toEqual({
      id: "10000000101",
      title: "USB-C to USB-C cable, 100 W, 2 m",
      storeId: "1102345678",
      unitPrice: 1299,
      quantity: 2,
      selected: true,
      selectEligible: false,
    });
    expect(cart.items.map((i) => [i.id, i.selectEligible, i.selected])).toEqual([
      ["10000000101", false, true],
      ["10000000102", false, true],
      ["10000000103", true, true],
      ["10000000104", true, false],
      ["10000000105", true, true],
    ]);
    expect(cart.stores).toEqual([
      {
        id: "1102345678",
        name: "Cable World",
        shipping: { fee: 199, freeOver: 2500 },
        promotions: [{ minSpend: 3000, off: 300 }],
      },
      { id: "1103456789", name: "Home Things", promotions: [{ minQuantity: 3, percent: 10, maxOff: 500 }] },
      { id: "1104567890", name: "Gadget Hub", shipping: { fee: 299 }, promotions: [] },
    ]);
    // Sku ids exceed 2^53: they must stay strings all the way.
    expect(lines[0]).toEqual({
      id: "10000000101",
      itemId: "1005006123456789",
      skuId: "12000036822123456",
      cartId: "10000000101",
      skuInfo: "Color: Black, Length: 2m",
    });
  });

  it("leaves out the sold-out line and lists it with the page's reason", () => {
    const read = okRead(aliexpress.readCart(page("basic-hydrated")));
    expect(read.cart.items.map((i) => i.id)).not.toContain("10000000106");
    expect(read.unavailable).toEqual([
      expect.objectContaining({ title: "Silicone watch strap 22 mm", reason: "Sold out" }),
    ]);
  });

  it("reads the same cart from the rows when page state is missing, without store terms", () => {
    const read = okRead(aliexpress.readCart(page("basic-hydrated", { state: false })));
    expect(read.source).toBe("dom");
    expect(read.cart).toEqual(asDomCart(expectedCart(basic), itemIdsOf("basic")));
    expect(read.notes.map(inEnglish).join(" ")).toMatch(/shipping terms and promotions are not shown/);
  });

  it("falls back to the lines' shipping views when store nodes are missing, and says what is unknown", () => {
    const p = page("basic-hydrated");
    const data = stateData(p);
    for (const [key, node] of Object.entries(data)) {
      const fields = node.fields as Record<string, unknown> | undefined;
      if (fields?.shopView && !fields.itemView) delete data[key];
    }
    const read = okRead(aliexpress.readCart(p));
    expect(read.source).toBe("page-state");
    // Cable World's ticked lines pass its threshold, so its lines show free shipping: no fee is known.
    expect(read.cart.stores).toEqual([
      { id: "1102345678", name: "Cable World", promotions: [] },
      { id: "1103456789", name: "Home Things", promotions: [] },
      { id: "1104567890", name: "Gadget Hub", shipping: { fee: 299 }, promotions: [] },
    ]);
    expect(read.notes.map(inEnglish)).toContain(
      "Free-shipping threshold of Gadget Hub is unknown: its fee always counts.",
    );
    expect(read.notes.map(inEnglish)).toContain("Promotions of Cable World are unknown: none counted.");
  });

  it("gives equal signatures to equal carts and different ones otherwise", () => {
    const a = okRead(aliexpress.readCart(page("basic-hydrated")));
    const b = okRead(aliexpress.readCart(page("basic-hydrated")));
    const c = okRead(aliexpress.readCart(page("basic-quantity")));
    expect(a.signature).toBe(b.signature);
    expect(a.signature).not.toBe(c.signature);
  });

  it("does not depend on node keys: renamed keys read the same", () => {
    const p = page("basic-hydrated");
    const data = stateData(p);
    const renamed = Object.fromEntries(
      Object.entries(data).map(([, v], i) => [`x${(i * 7919).toString(36)}`, v]),
    );
    const read = okRead(
      aliexpress.readCart({ ...p, pageState: { ok: true, data: renamed, truncated: false } }),
    );
    expect(read.cart).toEqual(expectedCart(basic));
  });
});

describe("while the page hydrates", () => {
  it("says loading before the cart arrives", () => {
    const read = aliexpress.readCart(page("basic-initial"));
    expect(read).toMatchObject({ ok: false, status: "loading" });
  });

  it("says loading while only some stores have arrived, although page state has lines", () => {
    const p = page("basic-stage1");
    const lines = Object.values(stateData(p)).filter((n) => (n.fields as { itemView?: unknown })?.itemView);
    expect(lines.length).toBeGreaterThan(0);
    expect(aliexpress.readCart(p)).toMatchObject({ ok: false, status: "loading" });
  });

  it("says loading when there is neither page state nor rows yet", () => {
    const doc = new JSDOM("<!doctype html><body></body>", { url: CART_URL }).window.document;
    expect(
      aliexpress.readCart({ url: CART_URL, document: doc, pageState: { ok: false, reason: "absent" } }),
    ).toMatchObject({ ok: false, status: "loading" });
    expect(aliexpress.readCart({ url: CART_URL })).toMatchObject({ ok: false, status: "loading" });
  });

  it("ignores a loader the page has hidden", () => {
    const p = page("basic-hydrated", {
      html: (h) =>
        h.replace("</main>", '<div class="comet-v2-loading-wrap" style="display: none"></div></main>'),
    });
    expect(aliexpress.readCart(p).ok).toBe(true);
  });
});

describe("after the shopper changes the cart", () => {
  it("reads unticked lines as not selected, from page state and from rows alike", () => {
    const expected = expectedCart(loadScenario("basic"));
    const unticked = new Set(["10000000101", "10000000104", "10000000105"]);
    const want = expected.items.map((i) => [i.id, !unticked.has(i.id)]);
    const fromState = okRead(aliexpress.readCart(page("basic-unticked")));
    expect(fromState.cart.items.map((i) => [i.id, i.selected])).toEqual(want);
    const fromRows = okRead(aliexpress.readCart(page("basic-unticked", { state: false })));
    expect(fromRows.cart.items.map((i) => i.selected)).toEqual(want.map(([, s]) => s));
  });

  it("reads changed quantities", () => {
    const quantities = (read: CartRead) => okRead(read).cart.items.map((i) => i.quantity);
    // The charger was typed to 4, the LED strip went from 3 to 4 with "+".
    expect(quantities(aliexpress.readCart(page("basic-quantity")))).toEqual([2, 4, 4, 1, 1]);
    expect(quantities(aliexpress.readCart(page("basic-quantity", { state: false })))).toEqual([
      2, 4, 4, 1, 1,
    ]);
  });

  // Removing every line leaves the page the empty scenario draws (capture.ts checks it).
  it("says empty for an empty cart, as once every line is removed", () => {
    expect(aliexpress.readCart(page("basic-removed-all"))).toMatchObject({ ok: false, status: "empty" });
    expect(aliexpress.readCart(page("basic-removed-all", { state: false }))).toMatchObject({
      ok: false,
      status: "empty",
    });
  });

  it("says empty when only unavailable lines are left", () => {
    const p = page("basic-hydrated");
    for (const node of Object.values(stateData(p))) {
      const itemView = (node.fields as { itemView?: Record<string, unknown> } | undefined)?.itemView;
      if (itemView) itemView.valid = false;
    }
    const { document: _dom, ...stateOnly } = p;
    expect(aliexpress.readCart(stateOnly)).toMatchObject({ ok: false, status: "empty" });
  });
});

describe("pages it must not trust", () => {
  it("says unreadable for the broken release, from state and from rows", () => {
    for (const state of [true, false]) {
      const read = aliexpress.readCart(page("broken-hydrated", { state }));
      expect(read).toMatchObject({ ok: false, status: "unreadable" });
    }
  });

  it("falls back to the rows when one line in page state contradicts itself", () => {
    const p = page("basic-hydrated");
    const price = lineNode(p, 10000000102).priceViews[0];
    if (!price) throw new Error("no price view");
    price.formattedAmount = "US $99.99"; // the number still says 18.99
    const read = okRead(aliexpress.readCart(p));
    expect(read.source).toBe("dom");
    expect(read.cart.items[1]?.unitPrice).toBe(1899);
    expect(read.notes.map(inEnglish).join(" ")).toMatch(/Page state not used: .*disagrees/);
  });

  it("refuses a page state line whose tick box is missing rather than guessing", () => {
    const p = page("basic-hydrated");
    delete (lineNode(p, 10000000101) as { checkbox?: unknown }).checkbox;
    const { document: _dom, ...stateOnly } = p;
    expect(aliexpress.readCart(stateOnly)).toMatchObject({ ok: false, status: "unreadable" });
    expect(okRead(aliexpress.readCart(p)).source).toBe("dom");
  });

  it("refuses a cart in two currencies", () => {
    const p = page("basic-hydrated");
    Object.assign(lineNode(p, 10000000103).priceViews[0] ?? {}, {
      currency: "EUR",
      formattedAmount: "8,99 €",
      value: 8.99,
    });
    const { document: _dom, ...stateOnly } = p;
    const read = aliexpress.readCart(stateOnly);
    expect(read).toMatchObject({ ok: false, status: "unreadable" });
    expect(read.ok ? "" : inEnglish(read.reason)).toMatch(/mixed currencies/);

    const rows = page("basic-hydrated", { state: false, html: (h) => h.replace("US $8.99", "8,99 €") });
    expect(aliexpress.readCart(rows)).toMatchObject({ ok: false, status: "unreadable" });
  });

  it("refuses a price without a currency marker unless the account's currency is known", () => {
    const html = (h: string) => h.replaceAll("US $", "$");
    expect(aliexpress.readCart(page("basic-hydrated", { state: false, html }))).toMatchObject({
      ok: false,
      status: "unreadable",
    });
    const withCookie = page("basic-hydrated", {
      state: false,
      html,
      cookie: "aep_usuc_f=site%3Dglo%26c_tp%3DUSD%26region%3DUS%26b_locale%3Den_US",
    });
    expect(okRead(aliexpress.readCart(withCookie)).cart.items[0]?.unitPrice).toBe(1299);
  });

  it("treats an item view that is not an object as an unreadable line, not as an empty cart", () => {
    const read = aliexpress.readCart({
      url: CART_URL,
      pageState: { ok: true, truncated: false, data: { a: { fields: { itemView: "USB cable" } } } },
    });
    expect(read).toMatchObject({ ok: false, status: "unreadable" });
  });

  it("uses the rows when page state could not be copied", () => {
    const p = page("basic-hydrated");
    const read = okRead(aliexpress.readCart({ ...p, pageState: { ok: false, reason: "too-large" } }));
    expect(read.source).toBe("dom");
    expect(read.notes.map(inEnglish).join(" ")).toMatch(/too-large/);
  });

  it("never throws on hostile page state", () => {
    const hostile: unknown[] = [
      null,
      42,
      "x",
      { ok: true, data: null },
      {
        ok: true,
        data: { a: { fields: { itemView: {}, priceViews: [{ priceType: "showPrice", value: -1 }] } } },
      },
      {
        ok: true,
        data: {
          a: {
            fields: {
              itemView: { itemId: 1, title: "t" },
              quantityView: { current: 1e308 },
              priceViews: [{ priceType: "showPrice", value: 1e308, currency: "USD" }],
              checkbox: { selected: true },
              shopView: { sellerId: 1 },
            },
          },
        },
      },
    ];
    for (const pageState of hostile) {
      const read = aliexpress.readCart({ url: CART_URL, pageState: pageState as PageStateSnapshot });
      expect(read.ok).toBe(false);
    }
  });
});

describe("other locales and sizes", () => {
  // The 200-line page is drawn by the demo shop's script at test time (saved.ts).

  it.each(["eur", "brl", "large200"])("%s reads as the scenario, from state and from rows", (name) => {
    const scenario = loadScenario(name);
    const fromState = okRead(aliexpress.readCart(page(`${name}-hydrated`)));
    expect(fromState.cart).toEqual(expectedCart(scenario));
    const fromRows = okRead(aliexpress.readCart(page(`${name}-hydrated`, { state: false })));
    expect(fromRows.cart).toEqual(asDomCart(expectedCart(scenario), itemIdsOf(name)));
  });

  it("reads euro and real prices to the cent", () => {
    expect(okRead(aliexpress.readCart(page("eur-hydrated"))).cart.items[0]?.unitPrice).toBe(123456);
    expect(okRead(aliexpress.readCart(page("brl-hydrated"))).cart.items[0]?.unitPrice).toBe(123456);
    expect(okRead(aliexpress.readCart(page("brl-hydrated"))).cart.currency).toBe("BRL");
  });
});

describe("snapshotCartState", () => {
  const container = (data: unknown) => ({
    __globalCartHaloContainer: { state: { getData: () => ({ data }) } },
  });

  it("copies plain data and leaves out functions, DOM nodes and cycles", () => {
    const dom = new JSDOM("<p>x</p>");
    const node: Record<string, unknown> = {
      fields: {
        itemView: { title: "t", itemId: 1 },
        onClick: () => 1,
        el: dom.window.document.body,
        n: Number.NaN,
      },
    };
    (node.fields as Record<string, unknown>).self = node;
    const snap = snapshotCartState(container({ a: node, b: [1, () => 2, 3] }));
    expect(snap).toEqual({
      ok: true,
      truncated: true,
      data: { a: { fields: { itemView: { title: "t", itemId: 1 }, n: null } }, b: [1, null, 3] },
    });
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
  });

  it("skips a throwing getter and keeps the rest", () => {
    const fields = { title: "kept" };
    Object.defineProperty(fields, "boom", {
      enumerable: true,
      get() {
        throw new Error("no");
      },
    });
    expect(snapshotCartState(container({ a: { fields } }))).toEqual({
      ok: true,
      truncated: true,
      data: { a: { fields: { title: "kept" } } },
    });
  });

  it("says absent, threw, malformed or too-large instead of copying", () => {
    expect(snapshotCartState({})).toEqual({ ok: false, reason: "absent" });
    expect(snapshotCartState(undefined)).toEqual({ ok: false, reason: "absent" });
    expect(
      snapshotCartState({
        __globalCartHaloContainer: {
          state: {
            getData() {
              throw new Error("nope");
            },
          },
        },
      }),
    ).toMatchObject({ ok: false, reason: "threw" });
    expect(snapshotCartState(container([1, 2]))).toEqual({ ok: false, reason: "malformed" });
    expect(snapshotCartState(container("x"))).toEqual({ ok: false, reason: "malformed" });
    const many = Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`k${i}`, {}]));
    expect(snapshotCartState(container(many))).toMatchObject({ ok: false, reason: "too-large" });
    const huge = Object.fromEntries(
      Array.from({ length: 1000 }, (_, i) => [`k${i}`, { list: Array(400).fill(1) }]),
    );
    expect(snapshotCartState(container(huge))).toMatchObject({ ok: false, reason: "too-large" });
  });

  it("cuts very long strings", () => {
    const snap = snapshotCartState(container({ a: { s: "x".repeat(10_000) } }));
    expect(snap.ok && (snap.data.a as { s: string }).s.length).toBe(2000);
  });
});

describe("on the live demo page", () => {
  const shop = demoShopForBlock();

  const until = async (check: () => boolean, what: string) => {
    const end = Date.now() + 10_000;
    while (!check()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  const open = async (scenario: string) => {
    const url = `${shop.url}${CART_PATH}?scenario=${scenario}&delay=30&opDelay=30`;
    const dom = await openShopPage(url);
    const settled = () =>
      dom.window.document.body?.dataset.demoStage === "2" &&
      !dom.window.document.querySelector(".cart-op-loading");
    const read = () =>
      aliexpress.readCart({
        url: CART_URL,
        document: dom.window.document,
        pageState: snapshotCartState(dom.window),
      });
    return { dom, settled, read };
  };

  it("moves from loading to a cart that two reads agree on", async () => {
    const { dom, settled, read } = await open("basic");
    try {
      const first = read();
      expect(first).toMatchObject({ ok: false, status: "loading" });
      await until(settled, "the cart");
      const a = okRead(read());
      const b = okRead(read());
      expect(a.signature).toBe(b.signature);
      expect(a.cart).toEqual(expectedCart(loadScenario("basic")));
    } finally {
      dom.window.close();
    }
  });

  it("ticks, unticks and types quantities through the page's own controls", async () => {
    const { dom, settled, read } = await open("basic");
    try {
      await until(settled, "the cart");
      const before = okRead(read());
      const result = aliexpress.apply?.(
        { url: CART_URL, document: dom.window.document, pageState: snapshotCartState(dom.window) },
        {
          select: { "10000000102": false, "10000000104": true, "10000000101": true },
          quantity: { "10000000105": 3 },
        },
      );
      // 10000000101 is already ticked: nothing to do for it.
      expect(result).toEqual({ ok: true, actions: 3 });
      await until(
        () => settled() && read().ok && okRead(read()).signature !== before.signature,
        "the change",
      );
      await until(() => okRead(read()).cart.items[4]?.quantity === 3, "the quantity");
      const after = okRead(read()).cart.items;
      expect(after.map((i) => [i.id, i.selected, i.quantity])).toEqual([
        ["10000000101", true, 2],
        ["10000000102", false, 1],
        ["10000000103", true, 3],
        ["10000000104", true, 1],
        ["10000000105", true, 3],
      ]);
      // The rows show the same as page state.
      const rows = okRead(aliexpress.readCart({ url: CART_URL, document: dom.window.document })).cart.items;
      expect(rows.map((i) => [i.selected, i.quantity])).toEqual(after.map((i) => [i.selected, i.quantity]));
    } finally {
      dom.window.close();
    }
  });

  it("refuses to act on lines it cannot find or quantities that make no sense", async () => {
    const { dom, settled } = await open("basic");
    try {
      await until(settled, "the cart");
      const input = {
        url: CART_URL,
        document: dom.window.document,
        pageState: snapshotCartState(dom.window),
      };
      expect(aliexpress.apply?.(input, { select: { nope: true } })).toMatchObject({
        ok: false,
        missing: ["nope"],
      });
      expect(aliexpress.apply?.(input, { quantity: { "10000000101": 0 } })).toMatchObject({ ok: false });
    } finally {
      dom.window.close();
    }
  });
});
