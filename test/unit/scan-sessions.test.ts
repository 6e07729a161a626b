/**
 * The background's scan sessions with fake ports: a page's captures reach its
 * own panel only, a page cannot claim to be another kind of page, and "Add"
 * and "Set my coins" take exactly what the panel was shown, from that panel.
 */
import { describe, expect, it } from "vitest";
import type { PortLike } from "../../src/background/checkout/sessions";
import { ScanRefusal, ScanSessions } from "../../src/background/scan/sessions";
import { SCAN_PANEL_PORT, SCAN_PORT, type ScanUpdate } from "../../src/messaging/scan";
import { readCouponTextReport, readOneCoupon } from "../../src/wallet/coupon-text";

const ID = "stackwise-id";
const SCAN_URL = "chrome-extension://stackwise-id/scan.html";
const CHANNEL = "0123456789abcdef0123456789abcdef";
const NOW = new Date("2026-12-06T10:00:00Z");

class FakePort implements PortLike {
  sent: unknown[] = [];
  disconnected = false;
  private listeners: ((m: unknown) => void)[] = [];
  private gone: (() => void)[] = [];
  onMessage = { addListener: (l: (m: unknown) => void) => this.listeners.push(l) };
  onDisconnect = { addListener: (l: () => void) => this.gone.push(l) };
  constructor(
    public name: string,
    public sender: PortLike["sender"],
  ) {}
  postMessage(m: unknown) {
    this.sent.push(m);
  }
  disconnect() {
    this.disconnected = true;
    for (const g of this.gone) g();
  }
  receive(m: unknown) {
    for (const l of this.listeners) l(m);
  }
}

const settle = () => new Promise((r) => setTimeout(r, 20));

function setUp(coins?: { balance: number; centsPerCoin: number }) {
  const sessions = new ScanSessions({
    extensionId: ID,
    scanUrl: SCAN_URL,
    readers: async () => ({
      timeZone: "UTC",
      report: (text) => readCouponTextReport(text, { now: NOW, timeZone: "UTC" }),
      one: (text) => readOneCoupon(text, { now: NOW, timeZone: "UTC" }),
    }),
    knownTest: async () => (c) => c.code === "OLD1",
    coins: async () => coins,
  });
  const page = (url: string, tab = 7) => {
    const port = new FakePort(SCAN_PORT, { id: ID, url, tab: { id: tab } });
    sessions.connect(port);
    return port;
  };
  const panel = (tab = 7, url = `${SCAN_URL}#${CHANNEL}`) => {
    const port = new FakePort(SCAN_PANEL_PORT, { id: ID, url, tab: { id: tab } });
    sessions.connect(port);
    port.receive({ type: "hello", channel: CHANNEL });
    return port;
  };
  const fromPanel = { id: ID, url: `${SCAN_URL}#${CHANNEL}`, tab: { id: 7 } };
  return { sessions, page, panel, fromPanel };
}

const capture = (over: Record<string, unknown>) => ({
  type: "capture",
  seq: 1,
  world: null,
  text: "",
  blocks: [],
  store: null,
  ...over,
});

const COUPON_TEXT = [
  "US $3.00 off on orders over US $20.00",
  "Expires Jan 31, 2027",
  "",
  "US $1.00 off",
  "Promo code: OLD1",
  "Expires Jan 10, 2027",
].join("\n");

describe("scan sessions", () => {
  it("sends a coupon page's list to its panel, with what the wallet already holds marked", async () => {
    const { page, panel } = setUp();
    const p = page("https://www.aliexpress.com/p/my-coupons/index.html");
    p.receive({ type: "hello", channel: CHANNEL, kind: "coupons" });
    p.receive(capture({ text: COUPON_TEXT }));
    await settle();
    const view = panel();
    const update = view.sent.at(-1) as Extract<ScanUpdate, { type: "coupons" }>;
    expect(update.type).toBe("coupons");
    expect(update.found.map((f) => [f.coupon.off, f.coupon.minSpend, f.known])).toEqual([
      [300, 2000, false],
      [100, 0, true],
    ]);
    // The page's own port never hears back.
    expect(p.sent).toEqual([]);
  });

  it("refuses a page that claims another kind, another extension's port, and a panel at another address or tab", async () => {
    const { sessions, page, panel } = setUp();
    const p = page("https://www.aliexpress.com/item/1005001560047961.html");
    p.receive({ type: "hello", channel: CHANNEL, kind: "coupons" });
    expect(p.disconnected).toBe(true);
    expect(sessions.size).toBe(0);

    const stranger = new FakePort(SCAN_PORT, {
      id: "someone-else",
      url: "https://www.aliexpress.com/p/my-coupons/",
      tab: { id: 1 },
    });
    sessions.connect(stranger);
    stranger.receive({ type: "hello", channel: CHANNEL, kind: "coupons" });
    expect(sessions.size).toBe(0);

    const ok = page("https://www.aliexpress.com/p/my-coupons/index.html");
    ok.receive({ type: "hello", channel: CHANNEL, kind: "coupons" });
    expect(sessions.size).toBe(1);
    expect(panel(8).disconnected).toBe(true);
    expect(panel(7, "chrome-extension://stackwise-id/popup.html#x").disconnected).toBe(true);
  });

  it("adds exactly the picked coupons of the list shown, and refuses a stale list or another tab", async () => {
    const { sessions, page, panel, fromPanel } = setUp();
    const p = page("https://www.aliexpress.com/p/my-coupons/index.html");
    p.receive({ type: "hello", channel: CHANNEL, kind: "coupons" });
    p.receive(capture({ text: COUPON_TEXT }));
    await settle();
    const view = panel();
    const shown = view.sent.at(-1) as Extract<ScanUpdate, { type: "coupons" }>;
    expect(sessions.picked({ channel: CHANNEL, scanId: shown.scanId, picks: [0] }, fromPanel)).toEqual([
      shown.found[0]?.coupon,
    ]);
    expect(() => sessions.picked({ channel: CHANNEL, scanId: shown.scanId, picks: [5] }, fromPanel)).toThrow(
      ScanRefusal,
    );
    expect(() =>
      sessions.picked(
        { channel: CHANNEL, scanId: shown.scanId, picks: [0] },
        { ...fromPanel, tab: { id: 9 } },
      ),
    ).toThrow("checkout_pageGone");
    // The page changed: the old list cannot be added from any more.
    p.receive(capture({ seq: 2, text: "US $9.00 off\nExpires Jan 31, 2027" }));
    await settle();
    expect(() => sessions.picked({ channel: CHANNEL, scanId: shown.scanId, picks: [0] }, fromPanel)).toThrow(
      "scan_listStale",
    );
  });

  it("offers a coin balance with the page's rate, the wallet's, or one cent, and saves only what was shown", async () => {
    const answer = (fields: unknown) => JSON.stringify({ data: { data: fields } });
    const cases = [
      {
        wallet: undefined,
        fields: [
          { name: "userCoinsNum", value: 500 },
          { name: "valueMoneyFormat", value: '{"structure":{"cent":1000,"currencyCode":"USD"}}' },
        ],
        rate: "page",
        cents: 2,
      },
      { wallet: { balance: 3, centsPerCoin: 3 }, fields: { userCoinsNum: 500 }, rate: "wallet", cents: 3 },
      { wallet: undefined, fields: { userCoinsNum: 500 }, rate: "default", cents: 1 },
    ] as const;
    for (const c of cases) {
      const { sessions, page, panel, fromPanel } = setUp(c.wallet);
      const p = page("https://www.aliexpress.com/p/coin-pc-index/index.html");
      p.receive({ type: "hello", channel: CHANNEL, kind: "coins" });
      p.receive(capture({ world: JSON.stringify({ product: null, coins: [answer(c.fields)] }) }));
      await settle();
      const update = panel().sent.at(-1) as Extract<ScanUpdate, { type: "coins" }>;
      expect([update.type, update.balance, update.rate, update.centsPerCoin]).toEqual([
        "coins",
        500,
        c.rate,
        c.cents,
      ]);
      expect(sessions.coinsShown({ channel: CHANNEL, scanId: update.scanId }, fromPanel)).toEqual({
        balance: 500,
        centsPerCoin: c.cents,
      });
    }
  });

  it("tells the panel when a coin page has given no balance yet", async () => {
    const { page, panel } = setUp();
    const p = page("https://www.aliexpress.com/p/coin-index/index.html");
    p.receive({ type: "hello", channel: CHANNEL, kind: "coins" });
    p.receive(capture({ world: JSON.stringify({ product: null, coins: [] }) }));
    await settle();
    expect(panel().sent.at(-1)).toEqual({ type: "waiting", kind: "coins", reason: "no-coins" });
  });
});
