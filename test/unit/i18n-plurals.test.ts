/**
 * Sentences about a number of things pick their plural form with
 * Intl.PluralRules in the catalogue's own language: "1 coupon expires",
 * "2 coupons expire", French and Portuguese "0 coupon", Spanish "0 cupones".
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { browser } from "wxt/browser";
import { message, plural } from "../../src/core/message";
import {
  type CatalogueEntry,
  catalogueMessage,
  catalogueSay,
  catalogueSayPlural,
  type PluralKey,
  say,
  tn,
} from "../../src/services/i18n";

type Catalogue = Record<string, CatalogueEntry>;
const LANGUAGES = ["en", "pt_BR", "es", "fr"] as const;
const load = (lang: string): Catalogue =>
  JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, "utf8")) as Catalogue;
const catalogues = Object.fromEntries(LANGUAGES.map((l) => [l, load(l)])) as Record<
  (typeof LANGUAGES)[number],
  Catalogue
>;
const english = catalogues.en;
const pluralKeys = Object.keys(english)
  .filter((k) => k.endsWith("_other"))
  .map((k) => k.slice(0, -"_other".length) as PluralKey);

/** Stands in for chrome.i18n with one language's catalogue. */
const speak = (lang: (typeof LANGUAGES)[number]) =>
  vi
    .spyOn(browser.i18n, "getMessage")
    .mockImplementation(((key: string, subs?: string[]) =>
      catalogueMessage(catalogues[lang], key, subs)) as never);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the catalogues", () => {
  it("name their own language for Intl.PluralRules", () => {
    expect(LANGUAGES.map((l) => catalogues[l].pluralLocale?.message)).toEqual(["en", "pt-BR", "es", "fr"]);
    for (const l of LANGUAGES)
      expect(() => new Intl.PluralRules(catalogues[l].pluralLocale?.message)).not.toThrow();
  });

  it("give every plural sentence its one and other forms in every language", () => {
    expect(pluralKeys.length).toBeGreaterThan(10);
    for (const l of LANGUAGES)
      for (const key of pluralKeys) {
        expect([l, key, `${key}_one` in catalogues[l]]).toEqual([l, key, true]);
        expect(catalogues[l][`${key}_one`]?.message).not.toBe(catalogues[l][`${key}_other`]?.message);
      }
  });

  it("leave no sentence where a count is followed by a noun with a single form", () => {
    // $MAX$ limits are fixed numbers above one; $DIGITS$ is 2 or 3 (0 has its own sentence).
    const counted = Object.entries(english)
      .filter(([key]) => !/_(one|other)$/.test(key))
      .filter(([, e]) =>
        /\$(COUNT|HOURS|COINS|POINTS|CAP|USED|LINKS|REFERRALS)\$ (\w+ )?\w+s\b/.test(e.message),
      )
      .map(([key]) => key);
    expect(counted).toEqual([]);
    // The check sees the sentences it is about: the English "other" forms all match it.
    expect(
      pluralKeys.filter((k) => /\$[A-Z]+\$ (\w+ )?\w+s\b/.test(english[`${k}_other`]?.message ?? "")).length,
    ).toBeGreaterThan(10);
  });
});

describe("tn picks the form in the reader's language", () => {
  it.each<[(typeof LANGUAGES)[number], number, string]>([
    ["en", 1, "Stackwise: 1 coupon expires within 72 hours"],
    ["en", 0, "Stackwise: 0 coupons expire within 72 hours"],
    ["en", 2, "Stackwise: 2 coupons expire within 72 hours"],
    ["pt_BR", 1, "Stackwise: 1 cupom vence em até 72 horas"],
    ["pt_BR", 0, "Stackwise: 0 cupom vence em até 72 horas"],
    ["pt_BR", 3, "Stackwise: 3 cupons vencem em até 72 horas"],
    ["es", 1, "Stackwise: 1 cupón vence en las próximas 72 horas"],
    ["es", 0, "Stackwise: 0 cupones vencen en las próximas 72 horas"],
    ["fr", 1, "Stackwise : 1 coupon expire dans les 72 heures"],
    ["fr", 0, "Stackwise : 0 coupon expire dans les 72 heures"],
    ["fr", 2, "Stackwise : 2 coupons expirent dans les 72 heures"],
    // French "many" (a million) has no form of its own here: "other" stands in.
    ["fr", 1_000_000, "Stackwise : 1000000 coupons expirent dans les 72 heures"],
  ])("%s, %i", (lang, count, text) => {
    speak(lang);
    expect(tn("actionTitleExpiring", count, count).replace(/[\u00a0\u202f]/g, " ")).toBe(text);
  });

  it("says 1 reward is overdue, not 1 rewards are", () => {
    speak("en");
    expect(tn("chaseSummary", 1, 1)).toBe("1 reward is overdue: tell Stackwise what happened.");
    expect(tn("chaseSummary", 4, 4)).toBe("4 rewards are overdue: tell Stackwise what happened.");
  });

  it("lets the count be shown formatted while it picks the form by its value", () => {
    speak("en");
    expect(tn("coinsBalance", 1, "1", "$0.01")).toBe("1 coin, worth $0.01");
    expect(tn("coinsBalance", 1500, "1,500", "$15.00")).toBe("1,500 coins, worth $15.00");
  });

  it("renders every plural sentence in every language for 0, 1, 2 and 5 without a raw placeholder", () => {
    for (const l of LANGUAGES)
      for (const key of pluralKeys)
        for (const n of [0, 1, 2, 5]) {
          const text = catalogueSayPlural(catalogues[l], key, n, [String(n), "x", "y", "z"]);
          expect(text).not.toMatch(/\$[A-Z_0-9]+\$|^$/);
          expect(text).toContain(String(n));
        }
  });
});

describe("a pure module's plural message", () => {
  it("keeps its count and is rendered in the reader's language", () => {
    const m = plural("referral_capReached", 1, 1, "March 2026");
    expect(m).toEqual({ key: "referral_capReached_other", subs: ["1", "March 2026"], count: 1 });
    speak("en");
    expect(say(m)).toMatch(/^The cap of 1 reward for March 2026 is already reached/);
    expect(catalogueSay(catalogues.fr, plural("referral_capReached", 10, 10, "mars 2026"))).toMatch(
      /^Le plafond de 10 récompenses pour mars 2026/,
    );
    expect(catalogueSay(english, message("copied"))).toBe("Copied");
  });
});
