/**
 * What the adapters tell people travels as catalogue Messages, never as
 * English: every reason and note of a read of the saved pages passes the one
 * Message schema and reads in each language, and a few reasons are checked
 * by key, down to the page's own words kept as substitutions.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { aliexpress } from "../../src/adapters/aliexpress";
import { applyAliExpressCheckout } from "../../src/adapters/aliexpress-checkout";
import { readCheckoutApi } from "../../src/adapters/aliexpress-checkout-data";
import type { CartRead } from "../../src/adapters/types";
import { type Message, MessageSchema, message } from "../../src/core/message";
import { type CatalogueEntry, catalogueSay } from "../../src/services/i18n";
import { CART_PAGES, savedPage } from "../fixtures/pages/saved";

const LANGUAGES = ["en", "pt_BR", "es", "fr"] as const;
const catalogues = Object.fromEntries(
  LANGUAGES.map((lang) => [
    lang,
    JSON.parse(readFileSync(join("public/_locales", lang, "messages.json"), "utf8")) as Record<
      string,
      CatalogueEntry
    >,
  ]),
);
const say = (lang: (typeof LANGUAGES)[number], m: Message) => catalogueSay(catalogues[lang] ?? {}, m);

const CART_URL = "https://www.aliexpress.com/p/shoppingcart/index.html";

/** What a read gives people to read: its notes, and its reason unless it is still loading. */
const shown = (read: CartRead): Message[] => [
  ...read.notes,
  ...(read.ok || read.status === "loading" ? [] : [read.reason]),
];

describe("what a read of the saved pages says", () => {
  // Every cart page the demo shop draws for the tests (test/fixtures/pages/saved.ts).
  const reads = CART_PAGES.map(({ name }) => name).map((name) => {
    const { html, state } = savedPage(name);
    const document = new JSDOM(html, { url: CART_URL }).window.document;
    return { name, read: aliexpress.readCart({ url: CART_URL, document, pageState: state }) };
  });

  it("includes notes and a reason for a shopper to read", () => {
    expect(reads.some(({ read }) => read.notes.length > 0)).toBe(true);
    expect(reads.some(({ read }) => !read.ok && read.status !== "loading")).toBe(true);
  });

  it("is Messages the one schema takes, which every language renders whole", () => {
    for (const { name, read } of reads) {
      for (const m of shown(read)) {
        expect(MessageSchema.safeParse(m).success, `${name}: ${JSON.stringify(m)}`).toBe(true);
        for (const lang of LANGUAGES) expect(say(lang, m), `${name} in ${lang}`).not.toMatch(/\$[A-Z0-9]|^$/);
        expect(say("fr", m), name).not.toBe(say("en", m));
      }
    }
  });
});

describe("the adapters' reasons, by key", () => {
  it("a page with neither cart state nor rows yet: both reasons, still loading", () => {
    const doc = new JSDOM("<body></body>", { url: CART_URL }).window.document;
    const read = aliexpress.readCart({
      url: CART_URL,
      document: doc,
      pageState: { ok: false, reason: "absent" },
    });
    expect(read).toEqual({
      ok: false,
      status: "loading",
      reason: message("adapter_twoReasons", message("adapter_noCartState"), message("adapter_noRows")),
      notes: [],
    });
  });

  it("a checkout response that failed names the request and keeps the page's code as it came", () => {
    const body = JSON.stringify({
      api: "mtop.aliexpress.checkout.adjustorder",
      ret: ["FAIL_SYS_TOKEN_EXOIRED::令牌过期"],
      data: {},
    });
    const latest = { api: "mtop.aliexpress.checkout.adjustorder", n: 2, ok: false, size: body.length, body };
    const read = readCheckoutApi(JSON.stringify({ kind: "checkout-api", good: null, latest }));
    expect(read.kind).toBe("refused");
    if (read.kind !== "refused") return;
    expect(read.reason).toEqual(
      message("adapter_checkoutDataFailed", "adjustorder", "FAIL_SYS_TOKEN_EXOIRED::令牌过期"),
    );
    expect(say("pt_BR", read.reason)).toContain("FAIL_SYS_TOKEN_EXOIRED::令牌过期");
  });

  it("operating the cart page: no document, and a line with no row", () => {
    const apply = aliexpress.apply;
    if (!apply) throw new Error("the AliExpress adapter operates its cart page");
    expect(apply({ url: CART_URL }, { select: { x: true } })).toEqual({
      ok: false,
      reason: message("adapter_applyNoDocument"),
      missing: [],
    });
    const doc = new JSDOM("<body></body>", { url: CART_URL }).window.document;
    const refused = apply({ url: CART_URL, document: doc }, { select: { x: true } });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.reason.key).toBe("adapter_applyCannotRead");
    expect(MessageSchema.safeParse(refused.reason).success).toBe(true);
  });

  it("Apply on a checkout answers whole sentences: nothing to type, and no promo field", async () => {
    const none = await applyAliExpressCheckout({
      storeCoupons: [],
      selectCouponId: null,
      platform: null,
      useCoins: false,
      usePoints: false,
    });
    expect(none).toEqual({ state: "nothing-to-apply", message: message("panel_applyNothing") });
    // Outside a page (no document) the attempt fails with the cause as a technical detail.
    const outside = await applyAliExpressCheckout({
      storeCoupons: [],
      selectCouponId: null,
      platform: { kind: "code", couponId: "c", code: "STACK5" },
      useCoins: false,
      usePoints: false,
    });
    expect(outside).toMatchObject({
      state: "failed",
      message: { key: "panel_applyFailed", subs: [{ key: "adapter_unexpected" }] },
    });
    expect(MessageSchema.safeParse(outside.message).success).toBe(true);
    expect(say("es", outside.message)).toMatch(/^No se pudo aplicar el código promocional: /);
  });

  it("two reasons are joined in the reader's language", () => {
    const both = message("adapter_twoReasons", message("adapter_cartEmpty"), message("adapter_noCart"));
    expect(say("fr", both)).toBe("le panier est vide ; aucun panier trouvé");
    expect(say("en", both)).toBe("the cart is empty; no cart found");
  });
});
