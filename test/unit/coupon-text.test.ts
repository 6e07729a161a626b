import { describe, expect, it } from "vitest";
import { readCouponText, readCouponTextReport, readOneCoupon } from "../../src/wallet/coupon-text";
import { TABLE } from "./coupon-text-table";

const NOW = new Date("2026-12-01T12:00:00Z");

describe("coupon text: the table of real-looking coupons", () => {
  it("has at least 60 texts in the four languages", () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(60);
  });
  for (const c of TABLE)
    it(c.text.replace(/\n/g, " / ").slice(0, 90), () => {
      const report = readCouponTextReport(c.text, {
        now: NOW,
        timeZone: c.tz ?? "UTC",
        ...(c.currency ? { currency: c.currency } : {}),
      });
      expect(report.refused).toEqual([]);
      expect(report.coupons.map((r) => r.coupon)).toEqual(c.coupons);
      if (c.unread) expect(report.coupons.map((r) => r.unread)).toEqual(c.unread);
    });
});

const read = (text: string, extra: { currency?: string; timeZone?: string } = {}) =>
  readCouponTextReport(text, { now: NOW, timeZone: extra.timeZone ?? "UTC", ...extra });

describe("coupon text: hostile and unreadable text gives no draft and a reason", () => {
  const refusedWith = (text: string, reason: string) => {
    const r = read(text);
    expect(r.coupons).toEqual([]);
    expect(r.refused.map((x) => x.reason)).toContain(reason);
    for (const x of r.refused) expect(x.message.length).toBeGreaterThan(10);
  };

  it("a megabyte of text", () => {
    const mb = "US $3.00 off on orders over US $20.00 ".repeat(30_000);
    expect(mb.length).toBeGreaterThan(1_000_000);
    const started = performance.now();
    refusedWith(mb, "too-long");
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("a long text of digits everywhere reads no coupon, in bounded time", () => {
    const digits = "1234567890 12.34 56,78 9 0 ".repeat(15_000);
    const started = performance.now();
    expect(read(digits).coupons).toEqual([]);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it("digits inside a coupon that no rule explains", () => {
    refusedWith("US $3.00 off 77 on orders over US $20.00\nExpires Dec 31, 2026", "stray-numbers");
    refusedWith("1 2 US $3.00 off 3 4 orders over US $20.00 5 6", "stray-numbers");
    refusedWith("Buy 2, get US $3.00 off on orders over US $20.00", "stray-numbers");
  });

  it("an amount in one currency and a minimum in another", () => {
    refusedWith("US $3.00 off on orders over 20,00 €\nExpires Dec 31, 2026", "currency-mismatch");
    refusedWith("R$ 15,00 de desconto em pedidos acima de US$ 100,00", "currency-mismatch");
    refusedWith("10% off, up to £5.00 on orders over US $30.00", "currency-mismatch");
  });

  it("HTML source", () => {
    refusedWith('<div class="coupon"><span>US $3.00 off</span> on orders over US $20.00</div>', "html");
    refusedWith("US $3.00 off on orders over US $20.00<script>alert(1)</script>", "html");
    refusedWith("US $3.00 off on orders over US&nbsp;$20.00", "html");
  });

  it("a right-to-left mark inside an amount", () => {
    refusedWith("US $3\u200f.00 off on orders over US $20.00", "hidden-mark");
    refusedWith("US $1\u202e0.00 off on orders over US $20.00", "hidden-mark");
    refusedWith("US $3.00 off on orders over US $2\u200b0.00", "hidden-mark");
  });

  it("direction marks around (not inside) an amount are harmless", () => {
    const r = read("\u200fUS $3.00\u200f off on orders over \u200eUS $20.00\u200e");
    expect(r.coupons.map((c) => c.coupon.off)).toEqual([300]);
  });

  it("amounts the money parser cannot read without guessing", () => {
    refusedWith("$5.00 off on orders over $40.00", "amount-unreadable"); // $ of which country?
    refusedWith("US $1,000 off on orders over US $20,000", "amount-unreadable"); // 1,000: thousands or decimals
    refusedWith("US $3.005 off on orders over US $20.00", "amount-unreadable");
    expect(read("5 XYZ off on orders over 40 XYZ").coupons).toEqual([]);
  });

  it("percentages above 100 or with too many decimals", () => {
    refusedWith("150% off, up to US $5.00", "bad-percent");
    expect(read("12.345% off").coupons).toEqual([]);
  });

  it("dates that are not dates or that can be read two ways", () => {
    refusedWith("US $3.00 off on orders over US $20.00\nExpires Feb 30, 2026", "bad-date");
    refusedWith("US $3.00 off on orders over US $20.00\nExpires 03/04/2027", "bad-date");
    refusedWith("US $3.00 off\n2026.12.12-2026.11.01", "bad-date");
  });

  it("a minimum without an amount is reported, page furniture is not", () => {
    const r = read("Orders over US $20.00\nExpires Dec 31, 2026");
    expect(r.coupons).toEqual([]);
    expect(r.refused.map((x) => x.reason)).toEqual(["no-amount"]);
    expect(read("My coupons\nStore coupon\nExpires Dec 31, 2026")).toEqual({ coupons: [], refused: [] });
    expect(read("Wireless earbuds\nUS $12.99\nFree shipping")).toEqual({ coupons: [], refused: [] });
  });

  it("a price alone is not a coupon, and never gains a coupon's terms", () => {
    expect(readCouponText("US $12.99", { now: NOW, timeZone: "UTC" })).toEqual([]);
  });

  it("no coupon at all gives an empty list", () => {
    expect(read("")).toEqual({ coupons: [], refused: [] });
    expect(read("Hello, this text holds no coupon.")).toEqual({ coupons: [], refused: [] });
  });
});

describe("coupon text: words it did not understand", () => {
  it("are listed, as written, when they carry no number", () => {
    const r = read("US $3.00 off on orders over US $20.00 for Gold members\nExpires Dec 31, 2026");
    expect(r.coupons).toHaveLength(1);
    expect(r.coupons[0]?.unread).toEqual(["Gold", "members"]);
  });

  it("buttons and card words are not unread words", () => {
    const r = read("AliExpress coupon\nUS $8.00 off\nOrders over US $69.00\nCollect\nExpires Dec 20, 2026");
    expect(r.coupons[0]?.unread).toEqual([]);
  });
});

describe("coupon text: a whole page copied with Ctrl+A", () => {
  const page = [
    "AliExpress",
    "Search",
    "My Coupons",
    "Available (3)   Used   Expired",
    "",
    "Store coupon",
    "US $2.00",
    "Orders over US $15.00",
    "Expires Dec 12, 2026",
    "Use",
    "",
    "Store coupon",
    "US $4.00",
    "Orders over US $30.00",
    "Expires Dec 20, 2026",
    "Use",
    "",
    "Select coupon",
    "US $5.00",
    "Orders over US $49.00",
    "2026.11.20-2026.12.31",
    "Use",
    "",
    "Recommended for you",
    "Wireless Earbuds Bluetooth 5.3 with charging case and 40 hours playtime",
    "US $12.99",
    "Free shipping",
    "Help Center | Disputes & Reports | Buyer Protection",
    "© 2010-2026 AliExpress.com. All rights reserved.",
  ].join("\n");

  it("finds each coupon with its own terms", () => {
    const r = read(page);
    expect(
      r.coupons.map((c) => [c.coupon.kind, c.coupon.off, c.coupon.minSpend, c.coupon.expiresAt]),
    ).toEqual([
      ["store", 200, 1500, "2026-12-12T23:59:59.000Z"],
      ["store", 400, 3000, "2026-12-20T23:59:59.000Z"],
      ["select", 500, 4900, "2026-12-31T23:59:59.000Z"],
    ]);
  });
});

describe("coupon text: codes and currency words", () => {
  it("a code holding a currency's letters stays a code (found by the property test)", () => {
    const r = read("Promo code: A0RM00\nUS $0.01 off\nno minimum spend");
    expect(r.coupons.map((c) => c.coupon)).toEqual([
      { kind: "promo", off: 1, minSpend: 0, currency: "USD", code: "A0RM00" },
    ]);
    // A local currency mark touching a digit inside a code ("TL0" of "TL0AA") is no amount either.
    expect(read("Promo code: TL0AA\nUS $0.01 off\nno minimum spend").coupons.map((c) => c.coupon)).toEqual([
      { kind: "promo", off: 1, minSpend: 0, currency: "USD", code: "TL0AA" },
    ]);
    // Nor is a code that reads like money as a whole ("RM000"): the label says it is a code.
    expect(read("Promo code: RM000\n1% off\nno minimum spend").coupons.map((c) => c.coupon)).toMatchObject([
      { kind: "promo", percent: 1, code: "RM000" },
    ]);
    expect(read("RM10.00 off on orders over RM80").coupons[0]?.coupon).toMatchObject({
      off: 1000,
      minSpend: 8000,
      currency: "MYR",
    });
    expect(read("Code: EUR10\nEUR 5,00 de descuento").coupons[0]?.coupon).toMatchObject({
      code: "EUR10",
      off: 500,
    });
  });
  it("a word currency written after its number", () => {
    expect(read("100TL off on orders over 500TL").coupons[0]?.coupon).toMatchObject({
      off: 10000,
      minSpend: 50000,
      currency: "TRY",
    });
  });
});

describe("readOneCoupon: one coupon's text", () => {
  const opts = { now: NOW, timeZone: "UTC" };
  it("reads one coupon", () => {
    const r = readOneCoupon("US$3.00 OrdersoverUS$4.00", opts);
    expect(r).toEqual({
      ok: true,
      read: { coupon: { kind: "platform", off: 300, minSpend: 400, currency: "USD" }, unread: [] },
    });
  });
  it("refuses two amounts instead of guessing which is the coupon's", () => {
    const r = readOneCoupon("US $3.00 off on orders over US $20.00 US $5.00 off", opts);
    expect(r).toMatchObject({ ok: false, reason: "several-amounts" });
  });
  it("says why when there is no amount", () => {
    expect(readOneCoupon("Collect", opts)).toMatchObject({ ok: false, reason: "no-amount" });
  });
  it("rejects an unknown time zone loudly", () => {
    expect(() => readOneCoupon("US $3.00 off", { now: NOW, timeZone: "Mars/Olympus" })).toThrow(RangeError);
  });
});
