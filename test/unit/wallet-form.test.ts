import { describe, expect, it } from "vitest";
import { CouponSchema } from "../../optimizer/schema";
import english from "../../public/_locales/en/messages.json";
import { type CatalogueEntry, catalogueSay, type MessageKey } from "../../src/services/i18n";
import {
  type CouponForm,
  couponToForm,
  emptyCouponForm,
  validateCoinsForm,
  validateCouponForm,
  validatePointsForm,
} from "../../src/wallet/form";

const catalogue = english as Record<string, CatalogueEntry>;
const ctx = { timeZone: "Europe/Berlin", locale: "en-US", now: "2026-03-10T12:00:00Z" };
const form = (patch: Partial<CouponForm>): CouponForm => ({
  ...emptyCouponForm("USD"),
  amount: "5",
  minSpend: "20",
  expiresAt: "2026-03-31",
  ...patch,
});

describe("validateCouponForm", () => {
  it("turns a fixed platform coupon into the optimizer's shape", () => {
    const r = validateCouponForm(form({}), ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      kind: "platform",
      off: 500,
      minSpend: 2000,
      currency: "USD",
      status: "active",
      source: "manual",
      // A bare date lasts the whole local day in Berlin (CEST from March 29).
      expiresAt: "2026-03-31T21:59:59.000Z",
    });
    expect(r.value.id).toMatch(/.+/);
    expect(CouponSchema.safeParse(r.value).success).toBe(true);
    expect(r.warnings).toEqual({});
  });

  it("a percent coupon with a cap, a start and a local expiry time", () => {
    const r = validateCouponForm(
      form({
        amountType: "percent",
        amount: "",
        percent: "12.5",
        maxOff: "3",
        validFrom: "2026-03-01T09:00",
        expiresAt: "2026-03-05T23:59",
      }),
      ctx,
    );
    expect(r).toMatchObject({
      ok: true,
      value: {
        percent: 12.5,
        maxOff: 300,
        validFrom: "2026-03-01T08:00:00.000Z",
        expiresAt: "2026-03-05T22:59:00.000Z",
      },
    });
  });

  it("store and promo coupons carry their store and code; currency digits are respected", () => {
    expect(validateCouponForm(form({ kind: "store", storeId: " shop-1 " }), ctx)).toMatchObject({
      ok: true,
      value: { kind: "store", storeId: "shop-1" },
    });
    expect(validateCouponForm(form({ kind: "promo", code: "SAVE5" }), ctx)).toMatchObject({
      ok: true,
      value: { kind: "promo", code: "SAVE5" },
    });
    expect(validateCouponForm(form({ currency: "jpy", amount: "500", minSpend: "3000" }), ctx)).toMatchObject(
      {
        ok: true,
        value: { off: 500, minSpend: 3000, currency: "JPY" },
      },
    );
    expect(validateCouponForm(form({ currency: "KWD", amount: "1.5", minSpend: "" }), ctx)).toMatchObject({
      ok: true,
      value: { off: 1500, minSpend: 0 },
    });
  });

  it("returns one message per wrong field", () => {
    const r = validateCouponForm(
      {
        kind: "gift",
        amountType: "fixed",
        amount: "-5",
        percent: "",
        maxOff: "",
        minSpend: "abc",
        validFrom: "not a date",
        expiresAt: "",
        currency: "dollars",
        storeId: "",
        code: "A B",
        source: "friend",
      },
      ctx,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(
      ["amount", "code", "currency", "expiresAt", "kind", "minSpend", "source", "validFrom"].sort(),
    );
  });

  it.each<[string, Partial<CouponForm>, string, MessageKey, RegExp]>([
    ["zero amount", { amount: "0" }, "amount", "wallet_amountZero", /above 0/],
    ["too many decimals", { amount: "5.555" }, "amount", "wallet_amountDigits", /2 digits/],
    [
      "yen with decimals",
      { currency: "JPY", amount: "5.5", minSpend: "" },
      "amount",
      "wallet_amountWhole",
      /whole number/,
    ],
    [
      "percent over 100",
      { amountType: "percent", percent: "120" },
      "percent",
      "wallet_percentOver100",
      /100/,
    ],
    ["percent of 0", { amountType: "percent", percent: "0" }, "percent", "wallet_percentZero", /above 0/],
    [
      "percent with 3 decimals",
      { amountType: "percent", percent: "10.125" },
      "percent",
      "wallet_amountDigits",
      /2 digits/,
    ],
    [
      "zero cap",
      { amountType: "percent", percent: "10", maxOff: "0" },
      "maxOff",
      "wallet_maxOffZero",
      /above 0/,
    ],
    ["store without store", { kind: "store" }, "storeId", "wallet_storeMissing", /store/],
    ["promo without code", { kind: "promo" }, "code", "wallet_codeMissing", /code/],
    [
      "start after expiry",
      { validFrom: "2026-04-01" },
      "validFrom",
      "wallet_startAfterExpiry",
      /before the expiry/,
    ],
    ["impossible date", { expiresAt: "2026-02-30" }, "expiresAt", "wallet_dateInvalid", /date/],
    [
      "unknown currency",
      { currency: "ABC" },
      "currency",
      "wallet_currencyUnknown",
      /"ABC" is not a currency code/,
    ],
    [
      "no amount type",
      { amountType: "" },
      "amountType",
      "wallet_amountTypeMissing",
      /fixed amount or a percentage/,
    ],
  ])("refuses %s", (_name, patch, field, key, wording) => {
    const r = validateCouponForm(form(patch), ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const error = r.errors[field as keyof CouponForm];
    expect(error?.key).toBe(key);
    if (error !== undefined) expect(catalogueSay(catalogue, error)).toMatch(wording);
  });

  it("warns without refusing: already expired, discount above minimum spend", () => {
    const r = validateCouponForm(form({ expiresAt: "2026-03-01", amount: "30" }), ctx);
    expect(r).toMatchObject({ ok: true });
    expect(Object.keys(r.warnings).sort()).toEqual(["amount", "expiresAt"]);
  });

  it("editing keeps the id and status, and the form round-trips", () => {
    const first = validateCouponForm(
      form({ kind: "store", storeId: "A", amountType: "percent", percent: "10", maxOff: "2.5" }),
      ctx,
    );
    if (!first.ok) throw new Error("expected ok");
    const used = { ...first.value, status: "used" as const };
    const back = couponToForm(used, ctx);
    expect(back).toMatchObject({
      kind: "store",
      storeId: "A",
      amountType: "percent",
      percent: "10",
      maxOff: "2.50",
      expiresAt: "2026-03-31T23:59",
    });
    const again = validateCouponForm(back, ctx, used);
    expect(again).toMatchObject({
      ok: true,
      value: { id: used.id, status: "used", percent: 10, maxOff: 250 },
    });
    // The minute-precision form loses the 59th second, nothing else.
    if (again.ok) expect(Date.parse(used.expiresAt) - Date.parse(again.value.expiresAt)).toBe(59_000);
  });
});

describe("coins and points forms", () => {
  it("validates the coins balance and rules", () => {
    expect(
      validateCoinsForm({ balance: "1,250", centsPerCoin: "1", maxPercent: "3" }, { locale: "en-US" }),
    ).toEqual({
      ok: true,
      value: { balance: 1250, centsPerCoin: 1, maxPercent: 3 },
      warnings: {},
    });
    const bad = validateCoinsForm({ balance: "-1", centsPerCoin: "0", maxPercent: "101" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(["balance", "centsPerCoin", "maxPercent"]);
  });

  it("validates a store's points", () => {
    const ok = validatePointsForm(
      {
        storeId: "s1",
        balance: "800",
        centsPerPoint: "1",
        minRedeem: "100",
        maxPerOrder: "500",
        expiresAt: "2026-12-31",
      },
      { timeZone: "UTC" },
    );
    expect(ok).toMatchObject({
      ok: true,
      value: {
        storeId: "s1",
        balance: 800,
        centsPerPoint: 1,
        minRedeem: 100,
        maxPerOrder: 500,
        expiresAt: "2026-12-31T23:59:59.000Z",
      },
    });
    const bad = validatePointsForm(
      {
        storeId: "",
        balance: "1.5",
        centsPerPoint: "",
        minRedeem: "500",
        maxPerOrder: "100",
        expiresAt: "soon",
      },
      { timeZone: "UTC" },
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(Object.keys(bad.errors).sort()).toEqual([
        "balance",
        "centsPerPoint",
        "expiresAt",
        "maxPerOrder",
        "storeId",
      ]);
  });
});
