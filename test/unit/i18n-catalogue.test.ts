/**
 * Every language says everything English says, with the same placeholders, so
 * no shopper ever meets a blank button, a raw "$AMOUNT$" or an English
 * sentence the catalogue forgot. The browser picks the language; these checks
 * are what keep each one whole.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { browser } from "wxt/browser";
import { message } from "../../src/core/message";
import { type CatalogueEntry, catalogueMessage, say, t, uiLocale } from "../../src/services/i18n";

const LOCALES_DIR = "public/_locales";
/** The languages the issue asks for; a new one is added here and gets every check below. */
const TRANSLATIONS = ["pt_BR", "es", "fr"];

type Catalogue = Record<string, CatalogueEntry>;
const load = (lang: string): Catalogue =>
  JSON.parse(readFileSync(join(LOCALES_DIR, lang, "messages.json"), "utf8")) as Catalogue;
const english = load("en");

/** `$NAME$` uses in a message, lower-cased as the browser matches them. */
const namedUses = (text: string) =>
  [...text.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => (m[1] ?? "").toLowerCase()).sort();
/** `$1`..`$9` written straight into a message (outside placeholders). */
const positionalUses = (text: string) =>
  [...text.replace(/\$[A-Za-z0-9_@]+\$/g, "").matchAll(/\$([1-9])/g)].map((m) => m[1]).sort();
/** Words a translation must keep as they are: share-message tokens and the product name. */
const literals = (text: string) =>
  [...text.matchAll(/\{[a-z]+\}|Stackwise|https:\/\/|xn--/g)].map((m) => m[0]);

/**
 * Problems of one translation against English, one line each. Exported in
 * spirit: the tests below feed it broken catalogues to show it catches them.
 */
function problems(translation: Catalogue, reference: Catalogue = english): string[] {
  const found: string[] = [];
  for (const key of Object.keys(reference)) if (!(key in translation)) found.push(`${key}: missing`);
  for (const [key, entry] of Object.entries(translation)) {
    const base = reference[key];
    if (base === undefined) {
      found.push(`${key}: not in English`);
      continue;
    }
    if (typeof entry.message !== "string" || entry.message.trim() === "") {
      found.push(`${key}: empty`);
      continue;
    }
    if (JSON.stringify(namedUses(entry.message)) !== JSON.stringify(namedUses(base.message)))
      found.push(`${key}: placeholders ${namedUses(entry.message)} instead of ${namedUses(base.message)}`);
    if (JSON.stringify(positionalUses(entry.message)) !== JSON.stringify(positionalUses(base.message)))
      found.push(`${key}: substitutions differ`);
    const declared = (c: CatalogueEntry | undefined) =>
      JSON.stringify(
        Object.entries(c?.placeholders ?? {})
          .map(([name, p]) => `${name.toLowerCase()}=${p.content}`)
          .sort(),
      );
    if (declared(entry) !== declared(base)) found.push(`${key}: placeholder declarations differ`);
    for (const literal of literals(base.message))
      if (!entry.message.includes(literal)) found.push(`${key}: lost "${literal}"`);
  }
  return found;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the languages", () => {
  it("are the ones shipped, in folders Chrome and Firefox recognise", () => {
    const shipped = readdirSync(LOCALES_DIR).filter((d) => statSync(join(LOCALES_DIR, d)).isDirectory());
    expect(shipped.sort()).toEqual(["en", ...TRANSLATIONS].sort());
  });

  it.each(TRANSLATIONS)(
    "%s has every English message, no other, each non-empty with the same placeholders",
    (lang) => {
      expect(problems(load(lang))).toEqual([]);
    },
  );

  it.each(TRANSLATIONS)("%s renders every message with nothing left unfilled", (lang) => {
    const catalogue = load(lang);
    const leftovers = Object.keys(catalogue).filter((key) => {
      const rendered = catalogueMessage(catalogue, key, ["A", "B", "C", "D", "E", "F", "G", "H", "I"]);
      return rendered === "" || /\$[A-Za-z0-9_@]+\$|\$[1-9]/.test(rendered);
    });
    expect(leftovers).toEqual([]);
  });

  it.each(TRANSLATIONS)("%s is translated, not English copied over", (lang) => {
    const catalogue = load(lang);
    // Same in every language: the name, bare placeholders, codes and symbols.
    const copied = Object.entries(catalogue)
      .filter(([key, entry]) => entry.message === english[key]?.message)
      .map(([key]) => key)
      .filter((key) => /[a-z]{3,}\s+[a-z]{3,}/i.test(english[key]?.message ?? ""));
    expect(copied).toEqual([]);
  });

  // A button shows a short label and has a longer accessible name; speech users say what they see,
  // so the name must contain the label (WCAG 2.5.3, axe's label-content-name-mismatch).
  it.each(["en", ...TRANSLATIONS])("%s names each button with its visible label inside", (lang) => {
    const catalogue = load(lang);
    const pairs: [named: string, label: string][] = [
      ["deleteNamed", "delete"],
      ["renameNamed", "rename"],
      ["makeDefaultNamed", "makeDefault"],
      ["markUsedNamed", "markUsed"],
      ["markUnusedNamed", "markUnused"],
      ["editCouponNamed", "edit"],
      ["editPointsNamed", "edit"],
      ["markRegisteredNamed", "markRegistered"],
      ["markOrderedNamed", "markOrdered"],
      ["markCreditedNamed", "markCredited"],
      ["markVoidedNamed", "markVoided"],
      ["whyNotNamed", "whyNot"],
      ["reopenNamed", "reopen"],
      ["happenedEarlierNamed", "happenedEarlier"],
      ["panel_copyLabel", "panel_copy"],
      ["editShareMessage", "edit"],
      ["closeShareMessage", "close"],
    ];
    const missing = pairs.filter(([named, label]) => {
      const name = catalogueMessage(catalogue, named, ["X"]).toLowerCase();
      return !name.includes(catalogueMessage(catalogue, label).toLowerCase());
    });
    expect(missing).toEqual([]);
  });

  it("keeps English wording of the labels the end-to-end tests click", () => {
    const labels = {
      copyReferralLink: "Copy referral link",
      copied: "Copied",
      importWallet: "Import wallet",
      exportWallet: "Export wallet",
      panel_apply: "Apply",
      panel_placed: "I placed this order",
    };
    for (const [key, text] of Object.entries(labels)) expect(english[key]?.message).toBe(text);
  });
});

describe("the checks catch a broken translation", () => {
  const good = load("fr");
  const broken = (patch: (c: Catalogue) => void): string[] => {
    const copy = structuredClone(good);
    patch(copy);
    return problems(copy);
  };

  it("a missing key", () => {
    expect(broken((c) => delete c.panel_apply)).toEqual(["panel_apply: missing"]);
  });

  it("a key English does not have", () => {
    expect(broken((c) => (c.panel_aply = { message: "Appliquer" }))).toEqual(["panel_aply: not in English"]);
  });

  it("an empty message", () => {
    expect(broken((c) => (c.copied = { message: " " }))).toEqual(["copied: empty"]);
  });

  it("a renamed, dropped or undeclared placeholder", () => {
    expect(
      broken((c) => {
        c.copiedTitle = { message: "Copié : $LIEN$", placeholders: { lien: { content: "$1" } } };
      }),
    ).toEqual([
      "copiedTitle: placeholders lien instead of link",
      "copiedTitle: placeholder declarations differ",
    ]);
    expect(broken((c) => (c.panel_savings = { ...c.panel_savings, message: "Économie" }))).toEqual([
      "panel_savings: placeholders  instead of amount",
    ]);
  });

  it("a share token or the product name translated away", () => {
    expect(broken((c) => (c.share_noLink = { message: "Ajoutez {lien} là où le lien doit aller." }))).toEqual(
      ['share_noLink: lost "{link}"'],
    );
    expect(broken((c) => (c.optionsTitle = { message: "Réglages de l'extension" }))).toEqual([
      'optionsTitle: lost "Stackwise"',
    ]);
  });
});

describe("every message a pure module can return is in the catalogue and used", () => {
  function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return sources(path);
      return /\.(ts|tsx)$/.test(entry) ? [path] : [];
    });
  }
  const code = sources("src")
    .map((f) => readFileSync(f, "utf8"))
    .join("\n");

  it("has no domain message nobody returns", () => {
    const domain = Object.keys(english).filter((k) =>
      /^(wallet|link|share|settings|referral|adapter)_/.test(k),
    );
    expect(domain.length).toBeGreaterThan(100);
    // A plural sentence is named in code by its base key ("referral_capReached" for _one and _other).
    expect(domain.filter((key) => !code.includes(`"${key.replace(/_(one|other)$/, "")}"`))).toEqual([]);
  });
});

describe("t, say and uiLocale fall back sensibly", () => {
  it("t shows the key rather than nothing when the browser has no message", () => {
    vi.spyOn(browser.i18n, "getMessage").mockReturnValue("");
    expect(t("panel_apply")).toBe("panel_apply");
  });

  it("t shows the key when there is no i18n API at all (a test, a worker without it)", () => {
    vi.spyOn(browser.i18n, "getMessage").mockImplementation(() => {
      throw new Error("i18n is not available here");
    });
    expect(t("copied")).toBe("copied");
  });

  it("say renders a message and the messages inside it in the browser's language", () => {
    const french = load("fr");
    vi.spyOn(browser.i18n, "getMessage").mockImplementation(((key: string, subs?: string[]) =>
      catalogueMessage(french, key, subs)) as never);
    const refusal = message(
      "link_hostNotAllowed",
      "evil.example",
      message("link_allowedHosts", "aliexpress.com"),
    );
    expect(say(refusal)).toBe(
      "«\u00a0evil.example\u00a0» n'est pas un site autorisé. Autorisés\u00a0: aliexpress.com (ou leurs sous-domaines).",
    );
    expect(say(undefined)).toBeUndefined();
  });

  it("uiLocale takes the browser's UI language, else the page's, else English", () => {
    vi.spyOn(browser.i18n, "getUILanguage").mockReturnValue("pt-BR");
    expect(uiLocale()).toBe("pt-BR");
    vi.spyOn(browser.i18n, "getUILanguage").mockReturnValue("");
    expect(uiLocale()).toBe(globalThis.navigator?.language ?? "en");
  });
});
