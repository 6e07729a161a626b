/**
 * The background's checkout sessions, driven with fake ports and the real
 * adapters on saved pages: when a cart counts, what the panel receives, who
 * may be a panel, and which requests are refused.
 */
import { JSDOM } from "jsdom";
import { beforeEach, describe, expect, it } from "vitest";
import { optimize } from "../../optimizer";
import type { Wallet } from "../../optimizer/schema";
import { captureCartPage } from "../../src/adapters/aliexpress-capture";
import { captureCheckoutPage } from "../../src/adapters/aliexpress-checkout-capture";
import type { CartSnapshot } from "../../src/adapters/types";
import { CheckoutRefusal, CheckoutSessions, type PortLike } from "../../src/background/checkout/sessions";
import { message } from "../../src/core/message";
import { CART_PORT, PANEL_PORT, type PanelUpdate, PanelUpdateSchema } from "../../src/messaging/checkout";
import type { CheckoutPreferences, TaxCalibration } from "../../src/messaging/checkout-preferences";

import { StorageError } from "../../src/storage/errors";
import { savedPage } from "../fixtures/pages/saved";
import { answerCheckout, RENDER_API } from "../fixtures/shop/checkout-api";
import { expectedCart, loadScenario } from "../fixtures/shop/scenarios";

const EXTENSION = "stackwiseextensionid";
const PANEL_URL = `chrome-extension://${EXTENSION}/panel.html`;
const CART_URL = "https://www.aliexpress.com/p/shoppingcart/index.html?scenario=basic";
const CHECKOUT_URL = "https://www.aliexpress.com/p/trade/confirm.html?scenario=basic&from=cart";
const CHANNEL = "0123456789abcdef0123456789abcdef";
const NOW = "2026-11-22T10:00:00.000Z";

class FakePort implements PortLike {
  sent: unknown[] = [];
  disconnected = false;
  private readonly listeners: ((m: unknown) => void)[] = [];
  private readonly gone: (() => void)[] = [];
  constructor(
    readonly name: string,
    readonly sender: PortLike["sender"],
  ) {}
  postMessage(message: unknown) {
    this.sent.push(JSON.parse(JSON.stringify(message)));
  }
  disconnect() {
    this.disconnected = true;
  }
  onMessage = { addListener: (l: (m: unknown) => void) => this.listeners.push(l) };
  onDisconnect = { addListener: (l: () => void) => this.gone.push(l) };
  deliver(message: unknown) {
    for (const l of this.listeners) l(JSON.parse(JSON.stringify(message)));
  }
  close() {
    for (const l of this.gone) l();
  }
}

/** A saved page as the content script would send it: the page-state text and the document's capture. */
const read = (name: string, seq: number) => {
  const { html, state: snapshot } = savedPage(name);
  const state = JSON.stringify(snapshot);
  return {
    type: "read",
    seq,
    state,
    dom: captureCartPage(new JSDOM(html, { url: CART_URL }).window.document),
  };
};

const flush = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
};

let wallet: Wallet;
let preferences: CheckoutPreferences;
let walletError: unknown;
let later: (() => void)[];
let remembered: Map<string, CartSnapshot>;
let calibrations: TaxCalibration[];
let sessions: CheckoutSessions;

beforeEach(() => {
  wallet = loadScenario("basic").wallet;
  preferences = { useCoinsAndPoints: true, maxOrders: 2 };
  walletError = undefined;
  later = [];
  remembered = new Map();
  calibrations = [];
  sessions = new CheckoutSessions({
    extensionId: EXTENSION,
    panelUrl: PANEL_URL,
    wallet: async () => {
      if (walletError) throw walletError;
      return wallet;
    },
    preferences: async () => preferences,
    now: () => new Date(NOW),
    rememberCart: (site, cart) => remembered.set(site, cart),
    recallCart: async (site) => remembered.get(site),
    later: (task) => later.push(task),
    saveTaxCalibration: (c) => calibrations.push(c),
  });
});

const page = (url = CART_URL, tab = 7) => {
  const port = new FakePort(CART_PORT, { id: EXTENSION, url, frameId: 0, tab: { id: tab } });
  sessions.connect(port);
  port.deliver({ type: "hello", channel: CHANNEL });
  return port;
};
const panel = (tab = 7, url = `${PANEL_URL}#${CHANNEL}`, channel = CHANNEL) => {
  const port = new FakePort(PANEL_PORT, { id: EXTENSION, url, frameId: 3, tab: { id: tab } });
  sessions.connect(port);
  port.deliver({ type: "hello", channel });
  return port;
};
const updates = (port: FakePort): PanelUpdate[] => port.sent.map((m) => PanelUpdateSchema.parse(m));
const last = (port: FakePort) => updates(port).at(-1);
const expected = (maxOrders: number, useCoinsAndPoints = true, w: Wallet = wallet) =>
  optimize({
    now: NOW,
    cart: expectedCart(loadScenario("basic")),
    wallet: w,
    options: { maxOrders, useCoins: useCoinsAndPoints, usePoints: useCoinsAndPoints },
  });

describe("what the page itself says reaches the panel", () => {
  it("a cart in pages: incomplete with page 1, then complete with both, unavailable lines listed", async () => {
    const cart = page();
    const p = panel();
    cart.deliver(read("paged-page1", 1));
    cart.deliver({ type: "same", seq: 1 });
    await flush();
    const first = last(p);
    expect(first).toMatchObject({ type: "stack", incomplete: "more-lines" });
    if (first?.type !== "stack") return;
    expect(first.cart.items).toHaveLength(3);
    expect(first.mismatch).toBeUndefined();
    expect(first.unavailable?.map((u) => u.title)).toEqual(["Magnetic cable organiser"]);

    cart.deliver(read("paged-complete", 2));
    cart.deliver({ type: "same", seq: 2 });
    await flush();
    const whole = last(p);
    expect(whole?.type).toBe("stack");
    if (whole?.type !== "stack") return;
    expect(whole.incomplete).toBeUndefined();
    expect(whole.cart).toEqual(expectedCart(loadScenario("paged")));
    expect(whole.unavailable).toHaveLength(2);
    expect(whole.mismatch).toBeUndefined();
  });

  it("a summary that contradicts the lines comes with the stack, naming both figures", async () => {
    const cart = page();
    const p = panel();
    cart.deliver(read("basic-mismatch", 1));
    cart.deliver({ type: "same", seq: 1 });
    await flush();
    expect(last(p)).toMatchObject({
      type: "stack",
      mismatch: { kind: "subtotal", page: "US $102.93", pageCents: 10293, ours: 9793 },
    });
  });
});

describe("when a cart counts", () => {
  it("only once two reads agree: the first read shows nothing, the confirming one the optimizer's stack", async () => {
    const cart = page();
    const p = panel();
    cart.deliver(read("basic-hydrated", 1));
    await flush();
    expect(updates(p).every((u) => u.type === "status" && u.status === "loading")).toBe(true);
    cart.deliver({ type: "same", seq: 1 });
    await flush();
    const update = last(p);
    expect(update?.type).toBe("stack");
    if (update?.type !== "stack") return;
    expect(update.result).toEqual(expected(2));
    expect(update.canApply).toBe(false);
    // Only the coupons the result names travel to the panel.
    const named = new Set([
      ...update.result.unused.map((u) => u.couponId),
      ...update.result.orders.flatMap((o) => [
        ...o.storeCoupons.map((c) => c.couponId),
        ...(o.platformCoupon ? [o.platformCoupon.couponId] : []),
        ...(o.selectCoupon ? [o.selectCoupon.couponId] : []),
      ]),
    ]);
    expect(update.coupons.map((c) => c.id).sort()).toEqual([...named].sort());
    // The page's port never receives anything.
    expect(cart.sent).toEqual([]);
  });

  it("also when two reads in a row give the same cart", async () => {
    const cart = page();
    const p = panel();
    cart.deliver(read("basic-hydrated", 1));
    cart.deliver(read("basic-hydrated", 2));
    await flush();
    expect(last(p)).toMatchObject({ type: "stack", result: { total: expected(2).total } });
  });

  it("once the page has hydrated, counts a change at once when its state and rows agree", async () => {
    const cart = page();
    const p = panel();
    cart.deliver(read("basic-hydrated", 1));
    cart.deliver({ type: "same", seq: 1 });
    await flush();
    const before = last(p);
    // One read of a changed quantity, with no confirmation yet.
    cart.deliver(read("basic-quantity", 2));
    await flush();
    const after = last(p);
    expect(after?.type).toBe("stack");
    if (before?.type !== "stack" || after?.type !== "stack") return;
    expect(after.stackId).toBeGreaterThan(before.stackId);
    expect(after.cart.items.find((i) => i.id === "10000000102")?.quantity).not.toBe(
      before.cart.items.find((i) => i.id === "10000000102")?.quantity,
    );
  });

  it("waits for a second read when the page's state and rows disagree", async () => {
    const cart = page();
    const p = panel();
    cart.deliver(read("basic-hydrated", 1));
    cart.deliver({ type: "same", seq: 1 });
    await flush();
    const shown = p.sent.length;
    // State after the change, rows from before it: caught midway.
    const midway = { ...read("basic-quantity", 2), dom: read("basic-hydrated", 2).dom };
    cart.deliver(midway);
    await flush();
    expect(p.sent.length).toBe(shown);
    cart.deliver({ type: "same", seq: 2 });
    await flush();
    expect(p.sent.length).toBe(shown + 1);
  });

  it("ignores a confirmation of an older read", async () => {
    const cart = page();
    const p = panel();
    cart.deliver(read("basic-hydrated", 1));
    cart.deliver(read("basic-quantity", 2));
    cart.deliver({ type: "same", seq: 1 });
    await flush();
    expect(updates(p).some((u) => u.type === "stack")).toBe(false);
  });

  it("says loading while the page loads, and unreadable or empty as statuses, never as a total", async () => {
    const cart = page();
    const p = panel();
    cart.deliver(read("basic-initial", 1));
    await flush();
    expect(last(p)).toMatchObject({ type: "status", status: "loading" });
    cart.deliver(read("broken-hydrated", 2));
    cart.deliver({ type: "same", seq: 2 });
    await flush();
    expect(last(p)).toMatchObject({ type: "status", status: "unreadable" });
    cart.deliver(read("basic-removed-all", 3));
    cart.deliver({ type: "same", seq: 3 });
    await flush();
    expect(last(p)).toMatchObject({ type: "status", status: "empty" });
  });

  it("drops the shown stack as soon as the page starts changing its cart", async () => {
    const cart = page();
    const p = panel();
    cart.deliver(read("basic-hydrated", 1));
    cart.deliver({ type: "same", seq: 1 });
    await flush();
    const shown = last(p);
    if (shown?.type !== "stack") throw new Error("no stack");
    cart.deliver(read("basic-stage1", 2));
    await flush();
    expect(last(p)).toMatchObject({ type: "status", status: "loading" });
    await expect(async () =>
      sessions.placedOrder(
        { channel: CHANNEL, stackId: shown.stackId, order: 0 },
        {
          id: EXTENSION,
          url: `${PANEL_URL}#${CHANNEL}`,
          tab: { id: 7 },
        },
      ),
    ).rejects.toThrow(CheckoutRefusal);
  });

  it("ignores malformed reads and keeps the last good state", async () => {
    const cart = page();
    const p = panel();
    cart.deliver(read("basic-hydrated", 1));
    cart.deliver({ type: "same", seq: 1 });
    await flush();
    const before = p.sent.length;
    cart.deliver({ type: "read", seq: -1, state: null, dom: null });
    cart.deliver({ type: "read", seq: 2, state: "x".repeat(8_000_001), dom: null });
    cart.deliver({ type: "shout" });
    await flush();
    expect(p.sent.length).toBe(before);
    expect(cart.disconnected).toBe(false);
  });
});

describe("re-optimizing", () => {
  // The 200-line page is drawn by the demo shop's script at test time (saved.ts).

  const settled = async () => {
    const cart = page();
    const p = panel();
    cart.deliver(read("basic-hydrated", 1));
    cart.deliver({ type: "same", seq: 1 });
    await flush();
    return { cart, p };
  };

  it("follows the preferences and the wallet at once", async () => {
    const { p } = await settled();
    preferences = { useCoinsAndPoints: false, maxOrders: 1 };
    sessions.refreshAll();
    await flush();
    expect(last(p)).toMatchObject({ type: "stack", result: { total: expected(1, false).total } });
    wallet = { coupons: [], points: [] };
    sessions.refreshAll();
    await flush();
    expect(last(p)).toMatchObject({ type: "stack", result: { total: expected(1, false, wallet).total } });
  });

  it("passes the import-tax destination of the preferences, and one order's after-tax cost for a split", async () => {
    const { p } = await settled();
    const destination = { country: "MX" };
    preferences = {
      useCoinsAndPoints: true,
      maxOrders: 2,
      taxDestination: destination,
      taxDiscountsReduceBase: false,
    };
    sessions.refreshAll();
    await flush();
    const input = {
      now: NOW,
      cart: expectedCart(loadScenario("basic")),
      wallet,
      destination,
      rules: { discountsReduceBase: false },
      options: { maxOrders: 2, useCoins: true, usePoints: true },
    };
    const want = optimize(input);
    const update = last(p);
    expect(update).toMatchObject({ type: "stack", result: { total: want.total, tax: want.tax } });
    expect(want.taxNotes?.length).toBeGreaterThan(0);
    if (update?.type !== "stack") return;
    if (want.taxModelled && want.orders.length > 1) {
      const single = optimize({ ...input, options: { ...input.options, maxOrders: 1 } });
      expect(update.oneOrder).toEqual({ total: single.total, tax: single.tax });
    } else expect(update.oneOrder).toBeUndefined();
  });

  it("says why when the wallet cannot be read", async () => {
    walletError = new StorageError("unavailable");
    const { p } = await settled();
    expect(last(p)).toMatchObject({
      type: "status",
      status: "error",
      reason: message("errorUnavailable"),
    });
  });

  it("shows a large cart's exact one-order stack first, then the split", async () => {
    const cart = page();
    const p = panel();
    const large = read("large200-hydrated", 1);
    cart.deliver(large);
    cart.deliver({ type: "same", seq: 1 });
    await flush();
    expect(last(p)).toMatchObject({ type: "stack", refining: true, result: { optimal: true } });
    const first = last(p);
    expect(later).toHaveLength(1);
    later[0]?.();
    const split = last(p);
    expect(split).toMatchObject({ type: "stack", refining: false });
    if (first?.type !== "stack" || split?.type !== "stack") return;
    expect(split.result.total).toBeLessThanOrEqual(first.result.total);
    expect(split.stackId).toBeGreaterThan(first.stackId);
  });
});

describe("who may be the page's panel", () => {
  it("a panel that connects first gets the stack when it comes", async () => {
    const p = panel();
    const cart = page();
    cart.deliver(read("basic-hydrated", 1));
    cart.deliver({ type: "same", seq: 1 });
    await flush();
    expect(last(p)?.type).toBe("stack");
  });

  it("refuses a panel in another tab, a second panel, a frame that is not the panel, and strangers", async () => {
    page();
    const own = panel();
    expect(own.disconnected).toBe(false);
    expect(panel(8).disconnected).toBe(true);
    expect(panel(7).disconnected).toBe(true);
    expect(panel(7, "https://www.aliexpress.com/evil.html#x").disconnected).toBe(true);
    const stranger = new FakePort(PANEL_PORT, {
      id: "another-extension",
      url: `${PANEL_URL}#${CHANNEL}`,
      tab: { id: 7 },
    });
    sessions.connect(stranger);
    stranger.deliver({ type: "hello", channel: CHANNEL });
    expect(stranger.sent).toEqual([]);
    expect(sessions.size).toBe(1);
  });

  it("refuses a second page claiming a channel in use, and pages no adapter reads", () => {
    page();
    const again = page();
    expect(again.disconnected).toBe(true);
    const other = new FakePort(CART_PORT, { id: EXTENSION, url: "https://example.com/cart", tab: { id: 9 } });
    sessions.connect(other);
    other.deliver({ type: "hello", channel: "fedcba9876543210fedcba9876543210" });
    expect(other.disconnected).toBe(true);
  });

  it("forgets a page when its port closes", () => {
    const cart = page();
    expect(sessions.size).toBe(1);
    cart.close();
    expect(sessions.size).toBe(0);
  });
});

describe("the panel's requests", () => {
  const fromPanel = { id: EXTENSION, url: `${PANEL_URL}#${CHANNEL}`, tab: { id: 7 } };

  it("Apply only on a checkout, for the stack on screen, from the page's own panel", async () => {
    // The cart page is read first: the checkout is priced with its terms.
    const cart = page();
    cart.deliver(read("basic-hydrated", 1));
    cart.deliver({ type: "same", seq: 1 });
    await flush();
    const p = panel();
    const shown = last(p);
    if (shown?.type !== "stack") throw new Error("no stack");
    expect(() => sessions.applyJob({ channel: CHANNEL, stackId: shown.stackId }, fromPanel)).toThrow(
      "checkout_cannotFill",
    );
    cart.close();
    p.close();

    const checkout = page(CHECKOUT_URL);
    const cp = panel();
    // The checkout's own renderorder response, as the page-world script hands it over.
    const body = answerCheckout(loadScenario("basic"), RENDER_API, {
      site: "www.aliexpress.com",
      lines: [
        { cartId: 10000000101, quantity: 2 },
        { cartId: 10000000105, quantity: 1 },
      ],
    });
    const text = JSON.stringify(body);
    const state = JSON.stringify({
      kind: "checkout-api",
      good: { api: RENDER_API, n: 1, ok: true, size: text.length, body: text },
      latest: null,
    });
    const doc = new JSDOM("<body></body>", { url: CHECKOUT_URL }).window.document;
    checkout.deliver({ type: "read", seq: 1, state, dom: captureCheckoutPage(doc) });
    checkout.deliver({ type: "same", seq: 1 });
    await flush();
    const stack = last(cp);
    if (stack?.type !== "stack") throw new Error(`no stack: ${JSON.stringify(stack)}`);
    expect(stack.canApply).toBe(true);
    expect(stack.cart.items.map((i) => i.id)).toEqual(["10000000101", "10000000105"]);
    // The page's own figures travel with the stack, for the panel to hold it to them.
    expect(stack.checkout).toMatchObject({ source: "api", tax: 0, update: 1 });
    const job = sessions.applyJob({ channel: CHANNEL, stackId: stack.stackId }, fromPanel);
    expect(job).toMatchObject({ tabId: 7, frameId: 0 });
    const order = stack.result.orders[0];
    expect(job.choices.storeCoupons).toEqual(
      order?.storeCoupons.map((c) => ({ storeId: c.storeId, couponId: c.couponId })),
    );

    expect(() => sessions.applyJob({ channel: CHANNEL, stackId: stack.stackId - 1 }, fromPanel)).toThrow(
      "checkout_stackStale",
    );
    expect(() =>
      sessions.applyJob({ channel: CHANNEL, stackId: stack.stackId }, { ...fromPanel, tab: { id: 8 } }),
    ).toThrow(CheckoutRefusal);
    expect(() =>
      sessions.applyJob({ channel: CHANNEL, stackId: stack.stackId }, { ...fromPanel, url: CHECKOUT_URL }),
    ).toThrow(CheckoutRefusal);
  });

  it("I placed this order names an order of the stack on screen", async () => {
    const cart = page();
    const p = panel();
    cart.deliver(read("basic-hydrated", 1));
    cart.deliver({ type: "same", seq: 1 });
    await flush();
    const shown = last(p);
    if (shown?.type !== "stack") throw new Error("no stack");
    expect(sessions.placedOrder({ channel: CHANNEL, stackId: shown.stackId, order: 1 }, fromPanel)).toEqual(
      shown.result.orders[1],
    );
    expect(() =>
      sessions.placedOrder({ channel: CHANNEL, stackId: shown.stackId, order: 5 }, fromPanel),
    ).toThrow("checkout_noSuchOrder");
    expect(() =>
      sessions.placedOrder(
        { channel: "ffffffffffffffffffffffffffffffff", stackId: shown.stackId, order: 0 },
        fromPanel,
      ),
    ).toThrow("checkout_pageGone");
  });
});

describe("import tax: the rate from a checkout's own tax lines (issue 13)", () => {
  const BRL_CART = "https://pt.aliexpress.com/p/shoppingcart/index.html?scenario=brl";
  const BRL_CHECKOUT = "https://pt.aliexpress.com/p/trade/confirm.html?scenario=brl&from=cart";

  /** The demo checkout's renderorder for the BRL cart, nothing applied: Brazil's taxes at US$0.1843 per R$1. */
  const checkoutRead = () => {
    const body = JSON.stringify(
      answerCheckout(loadScenario("brl"), RENDER_API, {
        site: "pt.aliexpress.com",
        lines: [
          { cartId: 40000000001, quantity: 1 },
          { cartId: 40000000002, quantity: 2 },
          { cartId: 40000000003, quantity: 1 },
        ],
        useCoins: false,
      }),
    );
    const state = JSON.stringify({
      kind: "checkout-api",
      good: { api: RENDER_API, n: 1, ok: true, size: body.length, body },
      latest: null,
    });
    const doc = new JSDOM("<body></body>", { url: BRL_CHECKOUT }).window.document;
    return { type: "read", seq: 1, state, dom: captureCheckoutPage(doc) };
  };

  it("calibrates on the checkout, stores the rate once, and names it as the source on that checkout", async () => {
    wallet = { coupons: [], points: [] };
    preferences = { ...preferences, taxDestination: { country: "BR", region: "SP" } };
    const cart = page(BRL_CART);
    cart.deliver(read("brl-hydrated", 1));
    cart.deliver({ type: "same", seq: 1 });
    await flush();
    cart.close();

    const checkout = page(BRL_CHECKOUT);
    const cp = panel();
    checkout.deliver(checkoutRead());
    checkout.deliver({ type: "same", seq: 1 });
    await flush();
    let stack = last(cp);
    if (stack?.type !== "stack") throw new Error(`no stack: ${JSON.stringify(stack)}`);
    // No rate yet: the tax is not modelled, but the page's lines give one.
    expect(stack.result.taxModelled).toBe(false);
    expect(stack.calibration).toMatchObject({ outcome: "rate", rate: 0.1843, ruleCurrency: "USD" });
    expect(calibrations).toHaveLength(1);
    expect(calibrations[0]).toMatchObject({ country: "BR", cartCurrency: "BRL", rate: 0.1843, date: NOW });

    // Stored, the preferences change and the page is priced again with the rate.
    preferences = { ...preferences, taxCalibrations: calibrations.slice() };
    sessions.refreshAll();
    await flush();
    stack = last(cp);
    if (stack?.type !== "stack") throw new Error("no stack");
    expect(stack.result.taxModelled).toBe(true);
    expect(stack.taxRate).toMatchObject({ rate: 0.1843, source: "checkout", sameCheckout: true });
    // The page's lines are exactly the prediction here: by construction, not as a check.
    expect(stack.result.tax).toBe(stack.checkout?.tax);
    // Nothing new to store: no loop of stores and refreshes.
    expect(calibrations).toHaveLength(1);

    // The shopper's own rate wins over the calibrated one.
    preferences = { ...preferences, taxRate: 0.2 };
    sessions.refreshAll();
    await flush();
    stack = last(cp);
    if (stack?.type !== "stack") throw new Error("no stack");
    expect(stack.taxRate).toMatchObject({ rate: 0.2, source: "setting" });
    expect(calibrations).toHaveLength(1);
  });
});
