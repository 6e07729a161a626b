import { loadScenario } from "../fixtures/shop/scenarios";
import { expect, test, waitForDemoCart } from "./support/extension";

const lineNodeCount = () =>
  Object.values(
    (
      window as unknown as {
        __globalCartHaloContainer: {
          state: { getData(): { data: Record<string, { fields?: { itemView?: unknown } }> } };
        };
      }
    ).__globalCartHaloContainer.state.getData().data,
  ).filter((node) => node?.fields?.itemView !== undefined).length;

test("the extension loads and the demo cart renders under the real host name", async ({
  page,
  shop,
  extensionId,
}) => {
  expect(extensionId).toMatch(/^[a-p]{32}$/);
  const scenario = loadScenario("basic");

  // The loaders are only there until the first hydration stage: stop waiting at
  // DOMContentLoaded and give the stage a delay a busy machine cannot overrun.
  await page.goto(shop.cartUrl("basic", { delay: 1500 }), { waitUntil: "domcontentloaded" });
  expect(new URL(page.url()).host).toBe("www.aliexpress.com");
  expect(new URL(page.url()).protocol).toBe("https:");
  // The first HTML holds no cart: only loaders.
  await expect(page.locator(".cart-list-placeholder-loading").first()).toBeAttached();

  await waitForDemoCart(page);
  await expect(page.locator(".comet-v2-loading-wrap")).toHaveCount(0);
  await expect(page.locator("div.cart-product.activity_cart_product")).toHaveCount(scenario.lines.length);
  await expect(page.locator(".cart-product-wrap-group-new")).toHaveCount(scenario.stores.length + 1);
  // Available lines carry an itemView; unavailable ones, as on the live site, do not.
  expect(await page.evaluate(lineNodeCount)).toBe(scenario.lines.filter((l) => l.valid).length);
  await expect(page.locator(".cart-product-price-s").first()).toHaveText("US $12.99");
});

test("other country hosts reach the demo shop too", async ({ page, shop }) => {
  await page.goto(shop.cartUrl("eur", { host: "es.aliexpress.com", delay: 0 }));
  await waitForDemoCart(page);
  await expect(page.locator(".cart-product-price-s").first()).toHaveText("1.234,56\u00a0€");

  await page.goto(shop.cartUrl("brl", { host: "pt.aliexpress.com", delay: 0 }));
  await waitForDemoCart(page);
  await expect(page.locator(".cart-product-price-s").first()).toHaveText("R$\u00a01.234,56");

  // The US site: its links name its own host.
  await page.goto(shop.cartUrl("paged", { host: "www.aliexpress.us", delay: 0 }));
  await waitForDemoCart(page);
  expect(new URL(page.url()).host).toBe("www.aliexpress.us");
  await expect(page.locator("a.cart-product-name-title").first()).toHaveAttribute(
    "href",
    /^\/\/www\.aliexpress\.us\/item\/\d+\.html$/,
  );
});

test("no other host is reachable from the test browser", async ({ page }) => {
  await expect(page.goto("https://example.com/")).rejects.toThrow(/ERR_NAME_NOT_RESOLVED/);
});
