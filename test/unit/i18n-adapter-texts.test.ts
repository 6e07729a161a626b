/**
 * The adapters' sentences reach the panel as English strings; the panel
 * recognises each template and shows the catalogue's translation. These
 * checks keep the templates and the English catalogue saying the same thing,
 * keep every template recognisable, and read the saved pages to show that
 * what a real read says is recognised, in every language.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { JSDOM } from "jsdom";
import { afterEach, describe, expect, it, vi } from "vitest";
import { browser } from "wxt/browser";
import englishCatalogue from "../../public/_locales/en/messages.json";
import { aliexpress } from "../../src/adapters/aliexpress";
import type { PageStateSnapshot } from "../../src/adapters/page-state";
import { ADAPTER_TEXTS, type AdapterTextId, adapterMessage, adapterText } from "../../src/adapters/texts";
import { defaultUserMessage } from "../../src/storage/errors";
import { type CatalogueEntry, catalogueMessage, catalogueSay } from "../../src/ui/i18n";
import { message } from "../../src/ui/message";
import { localiseReason } from "../../src/ui/panel/reasons";

const english = englishCatalogue as Record<string, CatalogueEntry>;
const catalogue = (lang: string) =>
  JSON.parse(readFileSync(join("public/_locales", lang, "messages.json"), "utf8")) as Record<
    string,
    CatalogueEntry
  >;
const ids = Object.keys(ADAPTER_TEXTS) as AdapterTextId[];
const slots = (template: string) => new Set(template.match(/\$[1-9]/g) ?? []).size;
const samples = (id: AdapterTextId) =>
  Array.from({ length: slots(ADAPTER_TEXTS[id].en) }, (_, i) => `«sample ${i + 1}»`);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the adapters' templates", () => {
  it.each(ids)("%s says in English exactly what the catalogue says", (id) => {
    const { key, en } = ADAPTER_TEXTS[id];
    const positions = Array.from({ length: 9 }, (_, i) => `$${i + 1}`);
    expect(catalogueMessage(english, key, positions)).toBe(en);
  });

  it.each(ids)("%s is recognised back into its message, and only as itself", (id) => {
    const subs = samples(id);
    const text = adapterText(id, ...subs);
    expect(adapterMessage(text)).toEqual(message(ADAPTER_TEXTS[id].key, ...subs));
  });

  it("recognises a template inside another (a page-state reason within a note)", () => {
    const note = adapterText("pageStateNotUsed", adapterText("cartEmpty"));
    expect(adapterMessage(note)).toEqual(message("adapter_pageStateNotUsed", message("adapter_cartEmpty")));
    expect(catalogueSay(catalogue("pt_BR"), adapterMessage(note) ?? message("appName"))).toBe(
      "Dados internos da página não usados: o carrinho está vazio.",
    );
  });

  it("leaves any other text alone", () => {
    expect(adapterMessage("row 3: no quantity")).toBeUndefined();
    expect(adapterMessage("the cart is empty, mostly")).toBeUndefined();
  });
});

describe("what a read of the saved pages says", () => {
  const PAGES = join("test", "fixtures", "pages", "aliexpress");
  const CART_URL = "https://www.aliexpress.com/p/shoppingcart/index.html";
  const reads = readdirSync(PAGES)
    .filter((f) => f.endsWith(".html"))
    .map((f) => {
      const name = f.replace(/\.html$/, "");
      const html = readFileSync(join(PAGES, f), "utf8");
      const state = JSON.parse(readFileSync(join(PAGES, `${name}.state.json`), "utf8")) as PageStateSnapshot;
      const document = new JSDOM(html, { url: CART_URL }).window.document;
      return { name, read: aliexpress.readCart({ url: CART_URL, document, pageState: state }) };
    });

  it("includes notes and a reason for a shopper to read", () => {
    expect(reads.some(({ read }) => read.notes.length > 0)).toBe(true);
    expect(reads.some(({ read }) => !read.ok && read.status !== "loading")).toBe(true);
  });

  it("is recognised sentence by sentence, so the panel can show it in any language", () => {
    const unrecognised: string[] = [];
    for (const { name, read } of reads) {
      const shown = [...read.notes, ...(read.ok || read.status === "loading" ? [] : [read.reason])];
      for (const text of shown) {
        const parts = localiseReasonParts(text);
        if (parts.some((p) => typeof p === "string")) unrecognised.push(`${name}: ${text}`);
      }
    }
    expect(unrecognised).toEqual([]);
  });
});

/** The panel's split of a reason into recognised messages and left-over text. */
function localiseReasonParts(text: string) {
  const whole = adapterMessage(text);
  return whole ? [whole] : text.split("; ").map((part) => adapterMessage(part) ?? part);
}

describe("the panel's reasons", () => {
  const speak = (lang: string) => {
    const c = catalogue(lang);
    vi.spyOn(browser.i18n, "getMessage").mockImplementation(((key: string, subs?: string[]) =>
      catalogueMessage(c, key, subs)) as never);
  };

  it("are shown in the browser's language, joined reasons part by part", () => {
    speak("fr");
    expect(localiseReason(`${adapterText("cartEmpty")}; ${adapterText("noCart")}`)).toBe(
      "le panier est vide; aucun panier trouvé",
    );
    expect(localiseReason(adapterText("shippingUnknown", "Gadget Hub"))).toBe(
      "La livraison de Gadget Hub est inconnue\u00a0: comptée comme gratuite.",
    );
  });

  it("show a storage failure's standard sentence translated, and anything else as written", () => {
    speak("es");
    expect(localiseReason(defaultUserMessage("quota"))).toBe(catalogue("es").errorQuota?.message);
    expect(localiseReason("row 3: no quantity")).toBe("row 3: no quantity");
  });
});
