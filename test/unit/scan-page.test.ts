/**
 * The content-script side of page scanning: which pages are scanned (on the
 * shop hosts only), the shopper's switches, the visible-text capture, and the
 * page-world catcher of coin answers, however the page asks (fetch,
 * XMLHttpRequest, a JSONP callback), passing every call through untouched.
 */
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { scanAllowed, scanKindOf, scanMatchPatterns } from "../../src/adapters/scan-pages";
import { productCouponBlocks, productStore, visibleText } from "../../src/content/scan/capture";
import { SCAN_ANSWER, SCAN_CHANGED, SCAN_REQUEST, watchScanPage } from "../../src/content/scan/page-world";
import { captureScan, worthShowing } from "../../src/content/scan/serve";
import { parseScanPreferences } from "../../src/services/scan-preferences";

describe("which pages are scanned", () => {
  it("knows coupon, product and coin pages on every shop host, and nothing else", () => {
    expect(scanKindOf("https://www.aliexpress.com/p/my-coupons/index.html")).toBe("coupons");
    expect(scanKindOf("https://ko.aliexpress.com/ssr/300000512/glo-coupon-center?spm=x")).toBe("coupons");
    expect(scanKindOf("https://www.aliexpress.us/item/1005001560047961.html")).toBe("product");
    expect(scanKindOf("https://pt.aliexpress.com/item/1005001560047961.html?gatewayAdapt=glo2bra")).toBe(
      "product",
    );
    expect(scanKindOf("https://m.aliexpress.com/p/coin-index/index.html")).toBe("coins");
    expect(scanKindOf("https://www.aliexpress.com/p/coin-pc-index/mycoin.html")).toBe("coins");
    for (const url of [
      "https://aliexpress.ru/item/1005001560047961.html",
      "http://www.aliexpress.com/p/my-coupons/index.html",
      "https://www.aliexpress.com.evil.example/p/my-coupons/index.html",
      "https://www.aliexpress.com/p/shoppingcart/index.html",
      "https://www.aliexpress.com/store/1102345678",
      "not a url",
    ])
      expect(scanKindOf(url), url).toBeUndefined();
  });

  it("matches only shop hosts in the manifest", () => {
    const patterns = scanMatchPatterns();
    expect(patterns).toContain("https://*.aliexpress.com/p/my-coupons/*");
    expect(patterns).toContain("https://*.aliexpress.us/p/coin-pc-index/*");
    expect(patterns.every((p) => /^https:\/\/\*\.aliexpress\.(com|us)\//.test(p))).toBe(true);
    expect(scanMatchPatterns(["coins"])).toHaveLength(4);
  });

  it("scans unless the shopper said no for that kind; damaged switches fall back to on", () => {
    expect(scanAllowed(undefined, "coupons")).toBe(true);
    expect(scanAllowed({ coupons: false }, "coupons")).toBe(false);
    expect(scanAllowed({ coupons: false }, "coins")).toBe(true);
    expect(scanAllowed({ coins: "no" }, "coins")).toBe(true);
    expect(parseScanPreferences({ coupons: false, coins: "no" })).toEqual({
      product: true,
      coupons: false,
      coins: true,
    });
    expect(parseScanPreferences(null)).toEqual({ product: true, coupons: true, coins: true });
  });
});

describe("the visible-text capture", () => {
  const doc = (html: string) => new JSDOM(html, { url: "https://www.aliexpress.com/" }).window.document;

  it("keeps one line per block, leaves hidden text and scripts out, and puts an empty line between repeated cards", () => {
    const d = doc(`<body>
      <h1>My Coupons</h1>
      <script>var secret = "US $99 off"</script>
      <div class="card"><p>US $3.00 off</p><p>Expires Jan 31, 2027</p></div>
      <div class="card"><p>Promo code: X1</p><p>US $2.00 off</p></div>
      <div class="card" hidden><p>US $50.00 off</p></div>
      <div class="card" style="display:none"><p>US $60.00 off</p></div>
      <div aria-hidden="true">US $70.00 off</div>
      <p>Inline <b>bold</b> text</p>
    </body>`);
    expect(visibleText(d.body)).toBe(
      [
        "My Coupons",
        "US $3.00 off",
        "Expires Jan 31, 2027",
        "",
        "Promo code: X1",
        "US $2.00 off",
        "Inline bold text",
      ].join("\n"),
    );
  });

  it("is bounded, whatever the page holds", () => {
    const d = doc(`<body><p>${"x".repeat(5000)}</p><p>${"y".repeat(5000)}</p></body>`);
    expect(visibleText(d.body, 3000).length).toBeLessThanOrEqual(3000);
  });

  it("finds a product page's coupon blocks and its store", () => {
    const d = doc(`<body><p>Sold by <a href="//www.aliexpress.com/store/1102345678?spm=1">Cable World</a></p>
      <section class="Coupon--wrap--x"><div class="coupon--item--a"><p>US $3.00 off</p></div></section>
      <div class="price">US $12.99</div></body>`);
    expect(productCouponBlocks(d)).toEqual(["US $3.00 off"]);
    expect(productStore(d)).toEqual({ id: "1102345678", name: "Cable World" });
    expect(captureScan("product", d, null)).toEqual({
      world: null,
      text: "",
      blocks: ["US $3.00 off"],
      store: { id: "1102345678", name: "Cable World" },
    });
    // The page world's copy is not sent from coupon pages, which are read from their text.
    expect(captureScan("coupons", d, '{"product":null,"coins":[]}').world).toBeNull();
  });

  it("mounts the panel on coupon pages, on product pages with coupons, and on coin pages once an answer came", () => {
    const none = { world: null, text: "", blocks: [], store: null };
    expect(worthShowing("coupons", none)).toBe(true);
    expect(worthShowing("product", none)).toBe(false);
    expect(worthShowing("product", { ...none, blocks: ["US $3.00 off"] })).toBe(true);
    expect(
      worthShowing("product", { ...none, world: '{"product":{"promotionPanelDetailDTOList":[]}}' }),
    ).toBe(true);
    expect(worthShowing("coins", { ...none, world: '{"product":null,"coins":[]}' })).toBe(false);
    expect(worthShowing("coins", { ...none, world: '{"product":null,"coins":["{}"]}' })).toBe(true);
  });
});

describe("the page-world catcher of coin answers", () => {
  const ANSWER = {
    api: "mtop.aliexpress.coin.execute",
    data: { data: [{ name: "userCoinsNum", value: 7 }] },
  };
  const COIN_URL = "https://acs.aliexpress.com/h5/mtop.aliexpress.coin.execute/1.0/?type=originaljson";

  /** A coin page's window, with the page's own fetch and XMLHttpRequest replaced by fakes answering ANSWER. */
  function coinPage(path = "/p/coin-pc-index/index.html") {
    const dom = new JSDOM("<!doctype html><html><head></head><body></body></html>", {
      url: `https://www.aliexpress.com${path}`,
      runScripts: "outside-only",
    });
    const win = dom.window as unknown as Window & typeof globalThis & Record<string, unknown>;
    const fetched: string[] = [];
    win.fetch = (async (input: unknown) => {
      fetched.push(String(input));
      return new Response(JSON.stringify(ANSWER));
    }) as typeof fetch;
    class FakeXhr {
      responseType = "";
      responseText = "";
      private listeners: (() => void)[] = [];
      private url = "";
      open(_method: string, url: string) {
        this.url = url;
      }
      addEventListener(_type: string, listener: () => void) {
        this.listeners.push(listener);
      }
      send() {
        this.responseText = this.url.includes("coin") ? JSON.stringify(ANSWER) : "other";
        for (const l of this.listeners) l();
      }
    }
    win.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest;
    const changes: number[] = [];
    win.addEventListener(SCAN_CHANGED, () => changes.push(1));
    const watcher = watchScanPage(win);
    const ask = (): unknown => {
      let got: unknown;
      win.addEventListener(SCAN_ANSWER, (e) => {
        const text = String((e as CustomEvent).detail);
        if (text.startsWith("n1\n")) got = JSON.parse(text.slice(3));
      });
      win.dispatchEvent(new win.CustomEvent(SCAN_REQUEST, { detail: "n1" }));
      return got;
    };
    return { win, fetched, changes, watcher, ask };
  }

  it("copies a fetch answer and hands the page its response untouched", async () => {
    const { win, fetched, changes, ask } = coinPage();
    const response = await win.fetch(COIN_URL);
    expect(await response.json()).toEqual(ANSWER);
    await new Promise((r) => setTimeout(r, 10));
    expect(fetched).toEqual([COIN_URL]);
    expect(ask()).toEqual({ product: null, coins: [JSON.stringify(ANSWER)] });
    expect(changes).toHaveLength(1);
    // Other calls are not copied.
    await win.fetch("https://www.aliexpress.com/api/other");
    await new Promise((r) => setTimeout(r, 10));
    expect((ask() as { coins: string[] }).coins).toHaveLength(1);
  });

  it("copies an XMLHttpRequest answer", () => {
    const { win, ask } = coinPage();
    const xhr = new win.XMLHttpRequest();
    xhr.open("GET", COIN_URL);
    xhr.send();
    const other = new win.XMLHttpRequest();
    other.open("GET", "https://www.aliexpress.com/other");
    other.send();
    expect(ask()).toEqual({ product: null, coins: [JSON.stringify(ANSWER)] });
  });

  it("copies a JSONP answer through the callback the script names, and the page's callback still runs", async () => {
    const { win, ask } = coinPage("/p/coin-index/index.html");
    const seen: unknown[] = [];
    win.mtopjsonp3 = (answer: unknown) => seen.push(answer);
    const script = win.document.createElement("script");
    script.src = `${COIN_URL.replace("originaljson", "jsonp")}&callback=mtopjsonp3`;
    win.document.head.append(script);
    await new Promise((r) => setTimeout(r, 10));
    // What the loaded script would run.
    (win.mtopjsonp3 as (a: unknown) => void)(ANSWER);
    expect(seen).toEqual([ANSWER]);
    expect(ask()).toEqual({ product: null, coins: [JSON.stringify(ANSWER)] });
  });

  it("wraps a JSONP callback the page defines only after adding the script", async () => {
    const { win, ask } = coinPage("/p/coin-index/index.html");
    const script = win.document.createElement("script");
    script.src = `${COIN_URL}&callback=late1`;
    win.document.head.append(script);
    await new Promise((r) => setTimeout(r, 10));
    const seen: unknown[] = [];
    win.late1 = (answer: unknown) => seen.push(answer);
    (win.late1 as (a: unknown) => void)(ANSWER);
    expect(seen).toEqual([ANSWER]);
    expect((ask() as { coins: string[] }).coins).toEqual([JSON.stringify(ANSWER)]);
  });

  it("leaves fetch alone on product pages and copies their coupon module only", async () => {
    const { win, fetched, ask } = coinPage("/item/1005001560047961.html");
    win.runParams = { data: { couponModule: { currencyCode: "USD" }, priceModule: { secret: 1 } } };
    await win.fetch(COIN_URL);
    expect(fetched).toHaveLength(1);
    expect(ask()).toEqual({ product: { couponModule: { currencyCode: "USD" } }, coins: [] });
  });

  it("ignores requests without a proper nonce", () => {
    const { win } = coinPage();
    let answered = false;
    win.addEventListener(SCAN_ANSWER, () => {
      answered = true;
    });
    win.dispatchEvent(new win.CustomEvent(SCAN_REQUEST, { detail: { not: "a string" } }));
    win.dispatchEvent(new win.CustomEvent(SCAN_REQUEST, { detail: "x".repeat(65) }));
    expect(answered).toBe(false);
  });
});
