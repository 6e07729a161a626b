/**
 * The page-world half of reading a checkout: it keeps the bodies of the
 * page's renderorder and adjustorder answers (nothing else, nothing too
 * large), hands the page's own answer back untouched, and tells the isolated
 * side that something new arrived.
 */
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import {
  CHECKOUT_APIS as READ_APIS,
  MAX_API_CHARS as READ_MAX,
} from "../../src/adapters/aliexpress-checkout-data";
import { CHECKOUT_APIS, MAX_API_CHARS, watchCheckoutApi } from "../../src/content/checkout/checkout-api";
import { API_CHANGED } from "../../src/content/checkout/page-world";
import { pageStateReader } from "../../src/content/page-state-request";

const ok = (api: string, extra = "") =>
  `{"api":"${api}","ret":["SUCCESS::ok"],"v":"1.0","data":{"data":{}}${extra}}`;
const RENDER = "https://acs.aliexpress.com/h5/mtop.aliexpress.checkout.renderorder/1.0/?api=x";
const ADJUST = "https://acs.aliexpress.com/h5/mtop.aliexpress.checkout.adjustorder/1.0/?api=x";

function page(answers: Record<string, string>) {
  const { window } = new JSDOM("<body></body>", { url: "https://www.aliexpress.com/p/trade/confirm.html" });
  const w = window as unknown as Window & { fetch: typeof fetch };
  w.fetch = async (input) => {
    const url = String(input instanceof Request ? input.url : input);
    const body = answers[url.split("?")[0] ?? ""] ?? "not found";
    return new Response(body, { headers: { "content-length": String(body.length) } });
  };
  let changes = 0;
  w.addEventListener(API_CHANGED, () => {
    changes += 1;
  });
  watchCheckoutApi(w);
  const read = pageStateReader(w);
  const state = () => JSON.parse(read() ?? "null");
  return { w, state, changes: () => changes };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe("the checkout's page-world script", () => {
  it("keeps renderorder and adjustorder answers, and hands the page its answer untouched", async () => {
    const render = ok("mtop.aliexpress.checkout.renderorder");
    const { w, state, changes } = page({ [RENDER.split("?")[0] as string]: render });
    const response = await w.fetch(RENDER, { method: "POST" });
    expect(await response.text()).toBe(render);
    await settle();
    expect(state()).toEqual({
      kind: "checkout-api",
      good: {
        api: "mtop.aliexpress.checkout.renderorder",
        n: 1,
        ok: true,
        size: render.length,
        body: render,
      },
      latest: null,
    });
    expect(changes()).toBe(1);
  });

  it("ignores every other request", async () => {
    const cart = "https://acs.aliexpress.com/h5/mtop.aliexpress.trade.cart.render/1.0/";
    const { w, state, changes } = page({ [cart]: ok("mtop.aliexpress.trade.cart.render") });
    await w.fetch(cart);
    await settle();
    expect(state()).toEqual({ kind: "checkout-api", good: null, latest: null });
    expect(changes()).toBe(0);
  });

  it("keeps the last good answer when a later one fails, and no body above its cap", async () => {
    const failed =
      '{"api":"mtop.aliexpress.checkout.adjustorder","ret":["FAIL_SYS_TOKEN_EXPIRED::x"],"data":{}}';
    const { w, state } = page({
      [RENDER.split("?")[0] as string]: ok("mtop.aliexpress.checkout.renderorder"),
      [ADJUST.split("?")[0] as string]: failed,
    });
    await w.fetch(RENDER);
    await settle();
    await w.fetch(ADJUST);
    await settle();
    expect(state().good.n).toBe(1);
    expect(state().latest).toMatchObject({ n: 2, ok: false, body: failed });

    const huge = ok("mtop.aliexpress.checkout.adjustorder", `,"pad":"${"x".repeat(MAX_API_CHARS)}"`);
    const big = page({ [ADJUST.split("?")[0] as string]: huge });
    await big.w.fetch(ADJUST);
    await settle();
    expect(big.state().latest).toEqual({
      api: "mtop.aliexpress.checkout.adjustorder",
      n: 1,
      ok: false,
      size: huge.length,
      body: null,
    });
  });

  it("keeps what the reader takes: the same two APIs, the same size cap", () => {
    // Two copies on purpose: the page-world script carries no adapter code.
    expect(CHECKOUT_APIS).toEqual(READ_APIS);
    expect(MAX_API_CHARS).toBe(READ_MAX);
  });

  it("reads JSONP-wrapped answers as their JSON", async () => {
    const render = ok("mtop.aliexpress.checkout.renderorder");
    const { w, state } = page({ [RENDER.split("?")[0] as string]: `mtopjsonp3(${render})` });
    await w.fetch(RENDER);
    await settle();
    expect(state().good).toMatchObject({ ok: true, body: render });
  });
});
