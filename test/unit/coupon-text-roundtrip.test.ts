/**
 * A coupon written out by the project's own formatter (the coupon card's text,
 * from the catalogues) reads back as the same coupon, in each language.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import english from "../../public/_locales/en/messages.json";
import spanish from "../../public/_locales/es/messages.json";
import french from "../../public/_locales/fr/messages.json";
import portuguese from "../../public/_locales/pt_BR/messages.json";
import { zonedToInstant } from "../../src/core/calendar";
import { couponCardText, type Say } from "../../src/services/coupon-labels";
import { type CatalogueEntry, catalogueMessage } from "../../src/services/i18n";
import { type CouponDraft, readCouponTextReport } from "../../src/wallet/coupon-text";

const LANGUAGES = [
  { locale: "en", catalogue: english },
  { locale: "pt-BR", catalogue: portuguese },
  { locale: "es", catalogue: spanish },
  { locale: "fr", catalogue: french },
] as const;

const sayIn =
  (catalogue: Record<string, CatalogueEntry>): Say =>
  (key, ...subs) =>
    catalogueMessage(catalogue, key, subs.map(String));

const ZONES = ["UTC", "America/Sao_Paulo", "Europe/Paris", "Asia/Tokyo", "America/Los_Angeles"];
const STORES = ["Best Gadgets Store", "Loja Oficial Baseus", "Maison Zen", "Hogar Feliz", "UGREEN Official"];
// Currencies whose marks the money parser knows as each locale writes them.
const CURRENCIES = ["USD", "EUR", "BRL", "JPY"];

const couponArb = fc
  .record({
    kind: fc.constantFrom("platform", "store", "select", "promo"),
    amount: fc.oneof(
      fc.record({ off: fc.integer({ min: 1, max: 5_000_000 }) }),
      fc.record({
        percent: fc.integer({ min: 1, max: 10_000 }).map((h) => h / 100),
        maxOff: fc.option(fc.integer({ min: 1, max: 5_000_000 }), { nil: undefined }),
      }),
    ),
    minSpend: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 50_000_000 })),
    currency: fc.constantFrom(...CURRENCIES),
    day: fc.date({
      min: new Date("2026-01-01T00:00:00Z"),
      max: new Date("2030-12-31T00:00:00Z"),
      noInvalidDate: true,
    }),
    timeZone: fc.constantFrom(...ZONES),
    storeName: fc.constantFrom(...STORES),
    code: fc.stringMatching(/^[A-Z][A-Z0-9]{3,11}$/),
  })
  .map((r) => {
    // A date-only expiry lasts to the end of its local day, which is what a card's date means.
    const expiresAt = new Date(
      zonedToInstant(
        {
          year: r.day.getUTCFullYear(),
          month: r.day.getUTCMonth() + 1,
          day: r.day.getUTCDate(),
          hour: 23,
          minute: 59,
          second: 59,
        },
        r.timeZone,
      ),
    ).toISOString();
    const coupon: CouponDraft = {
      kind: r.kind,
      ...r.amount,
      minSpend: r.minSpend,
      currency: r.currency,
      expiresAt,
    };
    if (coupon.maxOff === undefined) delete coupon.maxOff;
    if (r.kind === "store") coupon.storeName = r.storeName;
    if (r.kind === "promo") coupon.code = r.code;
    return { coupon, timeZone: r.timeZone };
  });

/** What the text can say: a percent coupon with no cap and no minimum names no currency. */
function expected(c: CouponDraft): CouponDraft {
  const out = { ...c };
  if (c.off === undefined && c.maxOff === undefined && c.minSpend === 0) delete out.currency;
  return out;
}

describe("coupon text round trip: the formatter's text reads back as the same coupon", () => {
  for (const { locale, catalogue } of LANGUAGES)
    it(`in ${locale}`, () => {
      const say = sayIn(catalogue as Record<string, CatalogueEntry>);
      fc.assert(
        fc.property(couponArb, ({ coupon, timeZone }) => {
          const text = couponCardText(coupon as Parameters<typeof couponCardText>[0], {
            locale,
            timeZone,
            say,
            ...(coupon.storeName ? { storeName: coupon.storeName } : {}),
          });
          // "$" alone is shared by many dollars: the shopper's currency settles it, as in the popup.
          const report = readCouponTextReport(text, {
            now: new Date("2026-01-01T00:00:00Z"),
            timeZone,
            currency: coupon.currency as string,
          });
          expect(report.refused, text).toEqual([]);
          expect(
            report.coupons.map((r) => r.coupon),
            text,
          ).toEqual([expected(coupon)]);
          expect(report.coupons[0]?.unread, text).toEqual([]);
        }),
        { numRuns: Number(process.env.ROUNDTRIP_RUNS ?? 300) },
      );
    });
});
