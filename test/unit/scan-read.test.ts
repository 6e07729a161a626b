/**
 * Page scanning, read in the background from the demo shop's pages: their
 * DOM drawn by the shop in jsdom for this run (test/fixtures/pages/saved.ts),
 * their world as the real page-world script caught it in Chromium
 * (test/fixtures/pages/aliexpress/scan/, saved by capture-scan.ts): coupon pages in three layouts and languages,
 * product pages with the coupon module (collected and not) and without it,
 * and coin pages answering in both shapes by fetch, XHR and JSONP.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import {
  centsPerCoinOf,
  readCoinAnswers,
  readCouponPage,
  readProductPage,
  type ScanReadContext,
} from "../../src/background/scan/read";
import { productCouponBlocks, productStore, visibleText } from "../../src/content/scan/capture";
import { type Message, message } from "../../src/core/message";
import { type ScannedCoupon, ScanUnreadableSchema } from "../../src/messaging/scan";
import { readCouponTextReport, readOneCoupon } from "../../src/wallet/coupon-text";
import { SCAN_WORLDS_DIR, scanPageHtml } from "../fixtures/pages/saved";

const NOW = new Date("2026-12-06T10:00:00Z");
const ZONE = "America/Sao_Paulo";

const context = (known: (c: ScannedCoupon) => boolean = () => false): ScanReadContext => ({
  readers: {
    timeZone: ZONE,
    report: (text) => readCouponTextReport(text, { now: NOW, timeZone: ZONE }),
    one: (text) => readOneCoupon(text, { now: NOW, timeZone: ZONE }),
  },
  known,
});

/** The product page without its data draws the same DOM (capture-scan.ts checks it): scanPageHtml gives that one. */
const domOf = (name: string) =>
  new JSDOM(scanPageHtml(name), {
    url: "https://www.aliexpress.com/",
  }).window.document;

const worldOf = (name: string) =>
  JSON.parse(readFileSync(join(SCAN_WORLDS_DIR, `${name}.world.json`), "utf8")) as {
    product: unknown;
    coins: string[];
  };

const couponsOf = (name: string, ctx = context()) => {
  return readCouponPage(visibleText(domOf(name).body), ctx);
};

const productOf = (name: string, ctx = context()) => {
  const doc = domOf(name);
  return readProductPage(worldOf(name), productCouponBlocks(doc), productStore(doc), ctx);
};

/** End of a local day in São Paulo (UTC-3), where dates without an offset are read. */
const endOfDay = (date: string) => `${date}T02:59:59.000Z`;
const nextDay = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};
const localEnd = (date: string) => endOfDay(nextDay(date));
const localStart = (date: string) => `${date}T03:00:00.000Z`;

describe("coupon pages, from their visible text", () => {
  it("reads My coupons as cards (English): one coupon per card, whatever order the card gives its facts in", () => {
    const scan = couponsOf("scan-coupons-cards");
    expect(scan.unreadable).toEqual([]);
    expect(scan.toCollect).toEqual([]);
    expect(scan.found.map((f) => f.coupon)).toEqual([
      { kind: "platform", off: 300, currency: "USD", minSpend: 2000, expiresAt: localEnd("2027-01-31") },
      {
        kind: "store",
        off: 200,
        currency: "USD",
        storeName: "Cable World",
        minSpend: 1500,
        expiresAt: localEnd("2027-01-15"),
      },
      {
        kind: "select",
        percent: 10,
        maxOff: 500,
        currency: "USD",
        validFrom: localStart("2026-11-01"),
        minSpend: 3000,
        expiresAt: localEnd("2027-03-12"),
      },
      {
        kind: "promo",
        off: 700,
        currency: "USD",
        code: "STACK7",
        minSpend: 7000,
        expiresAt: localEnd("2027-02-28"),
      },
    ]);
    expect(scan.found.every((f) => f.from === "text" && f.unread.length === 0 && !f.known)).toBe(true);
  });

  it("reads the coupon center (Spanish) with a code printed above its card's amount", () => {
    const scan = couponsOf("scan-coupons-center");
    expect(scan.unreadable).toEqual([]);
    expect(scan.found.map((f) => [f.coupon.kind, f.coupon.off, f.coupon.minSpend, f.coupon.code])).toEqual([
      ["platform", 300, 2000, undefined],
      ["platform", 600, 5000, undefined],
      ["promo", 400, 3000, "ABC123"],
    ]);
    expect(scan.found.map((f) => f.coupon.currency)).toEqual(["EUR", "EUR", "EUR"]);
    expect(scan.found[2]?.coupon.validFrom).toBe(localStart("2026-11-15"));
    expect(scan.found[2]?.coupon.expiresAt).toBe(localEnd("2027-01-15"));
  });

  it("reads a Portuguese list and says why it leaves out a store coupon that names no store", () => {
    const scan = couponsOf("scan-coupons-list");
    expect(scan.found.map((f) => f.coupon)).toEqual([
      { kind: "platform", off: 1500, currency: "BRL", minSpend: 10000, expiresAt: localEnd("2027-01-31") },
    ]);
    expect(scan.unreadable).toEqual([
      { text: expect.stringMatching(/^R\$/), why: message("scan_whyNoStorePaste") },
    ]);
  });

  it("marks coupons the wallet already holds", () => {
    const scan = couponsOf(
      "scan-coupons-cards",
      context((c) => c.code === "STACK7"),
    );
    expect(scan.found.map((f) => f.known)).toEqual([false, false, false, true]);
  });

  it("finds nothing, and no error, on a page without coupons", () => {
    const doc = new JSDOM("<main><h1>My Coupons</h1><p>You have no coupons yet.</p></main>").window.document;
    expect(readCouponPage(visibleText(doc.body), context())).toEqual({
      found: [],
      toCollect: [],
      unreadable: [],
    });
  });
});

describe("product pages: the page data's coupon module first", () => {
  it("takes amounts in cents and dates in ms from the data, minimums from promotionDetail, and puts uncollected coupons apart", () => {
    const scan = productOf("scan-product");
    expect(scan.unreadable).toEqual([]);
    expect(scan.found.map((f) => f.coupon)).toEqual([
      {
        kind: "platform",
        minSpend: 2000,
        expiresAt: "2027-01-31T07:59:59.000Z",
        off: 300,
        currency: "USD",
        validFrom: "2026-11-01T08:00:00.000Z",
      },
      {
        kind: "store",
        minSpend: 1500,
        expiresAt: "2027-01-15T07:59:59.000Z",
        off: 200,
        currency: "USD",
        validFrom: "2026-11-15T08:00:00.000Z",
        storeId: "1102345678",
        storeName: "Cable World",
      },
    ]);
    expect(scan.toCollect.map((f) => [f.coupon.kind, f.coupon.off, f.coupon.minSpend])).toEqual([
      ["platform", 800, 6000],
      ["store", 400, 3500],
    ]);
    expect([...scan.found, ...scan.toCollect].every((f) => f.from === "data")).toBe(true);
  });

  it("moves a coupon to the shopper's list once the page says it was collected", () => {
    const scan = productOf("scan-product-collected");
    expect(scan.toCollect).toEqual([]);
    expect(scan.found.map((f) => f.coupon.off).sort()).toEqual([200, 300, 400, 800]);
  });

  it("reads the visible coupon blocks when the page has no data, with the same amounts, minimums and store", () => {
    const fromData = productOf("scan-product");
    const fromText = productOf("scan-product-nodata");
    const terms = (s: typeof fromData) =>
      [s.found, s.toCollect].map((list) =>
        list.map((f) => [f.coupon.kind, f.coupon.off, f.coupon.minSpend, f.coupon.storeId]),
      );
    expect(terms(fromText)).toEqual(terms(fromData));
    expect([...fromText.found, ...fromText.toCollect].every((f) => f.from === "text")).toBe(true);
  });

  const entry = (over: Record<string, unknown>) => ({
    product: {
      couponModule: {
        currencyCode: "USD",
        webCouponInfo: {
          promotionPanelDTO: {
            platformCoupon: [
              {
                promotionPanelDetailDTOList: [
                  {
                    acquirable: false,
                    couponAssignParam: {
                      couponMeta: JSON.stringify({ price: 300, currency: "USD", sellerId: "1" }),
                    },
                    promotionDesc: "US$3.00",
                    promotionDetail: "OrdersoverUS$4.00",
                    startTime: 1665212400000,
                    endTime: 1669881599000,
                    ...over,
                  },
                ],
              },
            ],
          },
        },
      },
    },
  });
  const readEntry = (over: Record<string, unknown>) => readProductPage(entry(over), [], null, context());

  it("reads the 2022 sample's entry as a US$3 coupon over US$4 (the squeezed text of page data)", () => {
    expect(readEntry({}).found.map((f) => f.coupon)).toEqual([
      {
        kind: "platform",
        minSpend: 400,
        expiresAt: "2022-12-01T07:59:59.000Z",
        off: 300,
        currency: "USD",
        validFrom: "2022-10-08T07:00:00.000Z",
      },
    ]);
  });

  it("never guesses: a bad amount, a currency mismatch, a disagreeing text or no expiry gives no coupon and says why", () => {
    const cases: [Record<string, unknown>, Message][] = [
      [
        { couponAssignParam: { couponMeta: JSON.stringify({ price: 2.5 }) } },
        message("scan_whyDataAmount", "2.5"),
      ],
      [
        { couponAssignParam: { couponMeta: JSON.stringify({ price: 300, currency: "EUR" }) } },
        message("scan_whyCurrenciesDiffer", "USD", "EUR"),
      ],
      [{ promotionDesc: "US$5.00" }, message("scan_whyAmountsDiffer", 500, 300)],
      [{ endTime: undefined }, message("scan_whyNoExpiry")],
      [{ couponAssignParam: {}, promotionDesc: "lots off" }, message("refusedNoAmount")],
      [{ promotionDetail: "Orders over 4 coins" }, message("refusedStrayNumbers")],
    ];
    for (const [over, why] of cases) {
      const scan = readEntry(over);
      expect(scan.found, JSON.stringify(over)).toEqual([]);
      expect(scan.unreadable, JSON.stringify(over)).toEqual([{ text: expect.any(String), why }]);
      // Whatever the line says crosses to the panel: the catalogue has its key.
      expect(ScanUnreadableSchema.safeParse(scan.unreadable[0]).success).toBe(true);
    }
  });

  it("a coupon without a minimum in the data has none; a code makes a platform coupon a promo code", () => {
    const scan = readEntry({ promotionDetail: undefined, attributes: { couponCode: "SAVE3" } });
    expect(scan.found.map((f) => [f.coupon.kind, f.coupon.minSpend, f.coupon.code])).toEqual([
      ["promo", 0, "SAVE3"],
    ]);
  });
});

describe("coin pages: mtop.aliexpress.coin.execute answers", () => {
  const coinsOf = (name: string) => readCoinAnswers(worldOf(name).coins);

  it("reads the list shape caught from fetch, with valueMoneyFormat in cents", () => {
    const reading = coinsOf("scan-coins-fetch-list");
    expect(reading).toEqual({ balance: 985, worth: { cents: 985, currency: "USD" } });
    expect(reading && centsPerCoinOf(reading)).toBe(1);
  });

  it("reads the evidence's PLN answer caught from a JSONP callback: 985 coins worth 38.43 zł, about 3.9 grosz a coin", () => {
    const reading = coinsOf("scan-coins-jsonp-pln");
    expect(reading).toEqual({ balance: 985, worth: { cents: 3843, currency: "PLN" } });
    // The wallet counts whole cents a coin: 3.9 rounds to 4.
    expect(reading && centsPerCoinOf(reading)).toBe(4);
  });

  it("reads the direct-object shape caught from XMLHttpRequest, with valueMoney as display text", () => {
    const reading = coinsOf("scan-coins-xhr-object");
    expect(reading).toEqual({ balance: 881, worth: { cents: 1261, currency: "CAD" } });
    expect(reading && centsPerCoinOf(reading)).toBe(1);
  });

  it("reads the direct-object shape from JSONP on the mobile coin page", () => {
    expect(coinsOf("scan-coins-jsonp-object")).toEqual({
      balance: 1234,
      worth: { cents: 985, currency: "USD" },
    });
  });

  it("takes the newest answer with a balance, skips others and broken text, and gives nothing without a balance", () => {
    const list = (n: number) => JSON.stringify({ data: { data: [{ name: "userCoinsNum", value: n }] } });
    expect(
      readCoinAnswers([
        list(10),
        list(20),
        "{not json",
        JSON.stringify({ data: { data: { coinSaveFormatPrice: "x" } } }),
      ]),
    ).toEqual({
      balance: 20,
    });
    expect(
      readCoinAnswers([JSON.stringify({ success: true, data: [{ name: "userCoinsNum", value: "42" }] })]),
    ).toEqual({
      balance: 42,
    });
    expect(readCoinAnswers([])).toBeUndefined();
    expect(readCoinAnswers([JSON.stringify({ data: { data: { userCoinsNum: -3 } } })])).toBeUndefined();
    expect(readCoinAnswers([JSON.stringify({ data: { data: { userCoinsNum: "12abc" } } })])).toBeUndefined();
    // No worth: the rate is not the page's.
    expect(centsPerCoinOf({ balance: 100 })).toBeUndefined();
    expect(centsPerCoinOf({ balance: 0, worth: { cents: 0, currency: "USD" } })).toBeUndefined();
  });
});
