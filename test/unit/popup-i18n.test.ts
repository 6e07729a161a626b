/**
 * Every string the popup, options page and background show comes from
 * public/_locales/en/messages.json through `t`, so a later translation is a
 * new file and nothing else. These checks keep it that way.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { browser } from "wxt/browser";
import english from "../../public/_locales/en/messages.json";
import { type CatalogueEntry, catalogueMessage, t } from "../../src/services/i18n";

const catalogue = english as Record<string, CatalogueEntry>;
/** The wallet half's pages and background; the checkout panel keeps its own checks. */
const UI_DIRS = [
  "src/ui/popup",
  "src/ui/options",
  "src/ui/shared",
  "src/services",
  "entrypoints/popup",
  "entrypoints/options",
  "entrypoints/offscreen",
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(entry) ? [path] : [];
  });
}
const files = [
  ...UI_DIRS.flatMap(sources),
  "src/background/wallet.ts",
  // Pure modules and storage name their messages too (referral states, storage failures); the popup renders them.
  "src/referral/records.ts",
  // The coupon reader's refusals in words, shared by Paste coupons and the scan panel.
  "src/wallet/coupon-refusal.ts",
  ...sources("src/storage"),
];
const code = (path: string) =>
  readFileSync(path, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, "")
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, "");

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the English catalogue", () => {
  it("declares every placeholder its messages use, and uses every one it declares", () => {
    for (const [key, entry] of Object.entries(catalogue)) {
      const used = new Set(
        [...entry.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1]?.toLowerCase()),
      );
      const declared = new Set(Object.keys(entry.placeholders ?? {}));
      expect([...used].sort(), key).toEqual([...declared].sort());
      const contents = Object.values(entry.placeholders ?? {}).map((p) => p.content);
      expect(contents.sort(), key).toEqual(contents.map((_, i) => `$${i + 1}`));
    }
  });

  it("has keys Chrome and Firefox accept", () => {
    for (const key of Object.keys(catalogue)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it("has no wallet entry nobody uses", () => {
    // The checkout panel shares the catalogue under its own prefix ("panel_…") and may build
    // its keys; the popup, options and background spell theirs out, unprefixed.
    const all = files.map(code).join("\n") + readFileSync("wxt.config.ts", "utf8");
    const unused = Object.keys(catalogue)
      .filter((key) => !key.includes("_"))
      .filter((key) => !all.includes(`"${key}"`) && !all.includes(`__MSG_${key}__`));
    expect(unused).toEqual([]);
  });

  it("has every key the manifest names", () => {
    const config = readFileSync("wxt.config.ts", "utf8");
    for (const [, key] of config.matchAll(/__MSG_([A-Za-z0-9_]+)__/g))
      expect(catalogue).toHaveProperty(key ?? "");
  });

  it("renders substitutions into their places, as the browser does", () => {
    expect(catalogueMessage(catalogue, "capWarningLastSlot", ["March 2026", "9", "10"])).toBe(
      "Only one reward slot is left for March 2026 (9 of 10 used).",
    );
    expect(catalogueMessage(catalogue, "nope")).toBe("");
    expect(
      catalogueMessage({ k: { message: "$$5 for $A$", placeholders: { a: { content: "$1" } } } }, "k", "you"),
    ).toBe("$5 for you");
  });
});

describe("t", () => {
  it("asks the browser for the message with its substitutions as strings", () => {
    const getMessage = vi
      .spyOn(browser.i18n, "getMessage")
      .mockImplementation(((key: string, subs?: string[]) =>
        catalogueMessage(catalogue, key, subs)) as never);
    expect(t("copied")).toBe("Copied");
    expect(t("actionTitleExpiring_other", 3)).toBe("Stackwise: 3 coupons expire within 72 hours");
    expect(getMessage).toHaveBeenLastCalledWith("actionTitleExpiring_other", ["3"]);
  });

  it("shows the key rather than nothing when a message is missing", () => {
    vi.spyOn(browser.i18n, "getMessage").mockReturnValue("");
    expect(t("copied")).toBe("copied");
  });
});

describe("the components", () => {
  const tsx = files.filter((f) => f.endsWith(".tsx"));

  it("have no text written into their markup", () => {
    const found: string[] = [];
    for (const file of tsx) {
      for (const m of code(file).matchAll(/(?<!=)>([^<>{}]*[A-Za-z][^<>{}]*)</g)) {
        const text = m[1]?.trim() ?? "";
        // Arrows and generics also make ">...<" ("=> Promise<"); real text has no code characters.
        if (text !== "" && !/[=;()[\]|&]/.test(text)) found.push(`${file}: ${text}`);
      }
    }
    expect(found).toEqual([]);
  });

  it("put no literal words in labels, titles or placeholders", () => {
    const found: string[] = [];
    for (const file of tsx) {
      for (const m of code(file).matchAll(
        /\b(aria-label|title|placeholder|alt|label|legend|hint)="([^"]*)"/g,
      )) {
        const value = m[2] ?? "";
        // An example address is not prose to translate.
        if (/[A-Za-z]{2,}/.test(value) && !/^https:\/\//.test(value)) found.push(`${file}: ${m[0]}`);
      }
    }
    expect(found).toEqual([]);
  });
});
