import { Refusal } from "../../src/core/message";
import { expectedCart, loadScenario } from "../fixtures/shop/scenarios";
import { expect, type ShopHost, test, waitForDemoCart } from "./support/extension";
import { readLiveCart, readSettledCart } from "./support/read-cart";

// These tests hold the adapter to the demo shop; the extension itself is not needed.
test.use({ withExtension: false });

const CASES: [string, ShopHost][] = [
  ["basic", "www.aliexpress.com"],
  ["worked", "www.aliexpress.com"],
  ["eur", "es.aliexpress.com"],
  ["brl", "pt.aliexpress.com"],
  ["large200", "www.aliexpress.com"],
];

for (const [scenario, host] of CASES) {
  test(`reads the ${scenario} cart from the live page on ${host}`, async ({ page, shop }) => {
    await page.goto(shop.cartUrl(scenario, { host, delay: 1000 }));
    // Right after load the cart is not there yet: the adapter must say so, not guess.
    expect(await readLiveCart(page)).toMatchObject({ ok: false, status: "loading" });
    const read = await readSettledCart(page);
    if (!read.ok) throw new Error(`${read.status}: ${read.reason}`);
    expect(read.source).toBe("page-state");
    expect(read.cart).toEqual(expectedCart(loadScenario(scenario)));
  });
}

test("says empty and unreadable where it should", async ({ page, shop }) => {
  await page.goto(shop.cartUrl("empty", { delay: 50 }));
  expect(await readSettledCart(page)).toMatchObject({ ok: false, status: "empty" });
  await page.goto(shop.cartUrl("broken", { delay: 50 }));
  expect(await readSettledCart(page)).toMatchObject({ ok: false, status: "unreadable" });
});

test("follows ticks, quantities and removals made in the page", async ({ page, shop }) => {
  await page.goto(shop.cartUrl("basic", { delay: 50, opDelay: 50 }));
  const before = await readSettledCart(page);
  if (!before.ok) throw new Refusal(before.reason);

  // The demo page re-renders its rows after each change: act on the new rows, as a person would.
  await page.locator(".cart-product .comet-v2-checkbox").first().click();
  await waitForDemoCart(page);
  await page.locator(".cart-product").nth(1).locator("input.comet-v2-input-number-input").fill("3");
  await waitForDemoCart(page);
  await page.locator(".cart-product").nth(4).locator(".cart-product-remove").click();
  await expect
    .poll(async () => {
      const read = await readLiveCart(page);
      return read.ok ? read.cart.items.map((i) => [i.id, i.selected, i.quantity]) : read.status;
    })
    .toEqual([
      ["10000000101", false, 2],
      ["10000000102", true, 3],
      ["10000000103", true, 3],
      ["10000000104", false, 1],
    ]);
});
