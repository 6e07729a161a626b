import { describe, expect, test } from "vitest";
import { isCartPage, isCheckoutPage } from "../../src/adapters/aliexpress-capture";
import { isShopHost, SHOP_DOMAINS, shopFrameAncestors, shopMatchPatterns } from "../../src/adapters/hosts";

describe("the supported shop hosts", () => {
  test.each([
    "www.aliexpress.com",
    "aliexpress.com",
    "es.aliexpress.com",
    "pt.aliexpress.com",
    "www.aliexpress.us",
    "aliexpress.us",
    "WWW.AliExpress.US",
    "www.aliexpress.com.",
  ])("%s is a shop host", (host) => expect(isShopHost(host)).toBe(true));

  test.each([
    "aliexpress.ru",
    "www.aliexpress.ru",
    "evil-aliexpress.com",
    "aliexpress.com.evil.test",
    "aliexpress.usa.test",
    "notaliexpress.us",
    "",
  ])("%s is not", (host) => expect(isShopHost(host)).toBe(false));

  test("match patterns and frame ancestors cover every domain, https only", () => {
    expect(shopMatchPatterns("/p/shoppingcart/*")).toEqual(
      SHOP_DOMAINS.map((d) => `https://*.${d}/p/shoppingcart/*`),
    );
    expect(shopMatchPatterns()).toEqual(["https://*.aliexpress.com/*", "https://*.aliexpress.us/*"]);
    expect(shopFrameAncestors()).toEqual(["https://*.aliexpress.com", "https://*.aliexpress.us"]);
  });

  test("the page predicates accept the US host and refuse aliexpress.ru and plain http", () => {
    expect(isCartPage("https://www.aliexpress.us/p/shoppingcart/index.html")).toBe(true);
    expect(isCheckoutPage("https://www.aliexpress.us/p/trade/confirm.html?objectId=1")).toBe(true);
    expect(isCartPage("https://aliexpress.ru/cart")).toBe(false);
    expect(isCartPage("https://www.aliexpress.ru/p/shoppingcart/index.html")).toBe(false);
    expect(isCartPage("http://www.aliexpress.com/p/shoppingcart/index.html")).toBe(false);
  });
});
