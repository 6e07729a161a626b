/**
 * The cart as the live site serves it (shared/spec/aliexpress-cart.md, "Seen
 * on the live site in 2026"), in Chromium on the production build: the US
 * host, a cart whose second page arrives when the shopper scrolls, unavailable
 * lines without itemView, and a page summary that contradicts the lines.
 * Expected figures come from the optimizer run here in Node.
 *
 * Build first: `npx wxt build && npx playwright test test/e2e/cart-live.e2e.ts`.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Frame } from "@playwright/test";
import { expectedCart, expectedUnavailable } from "../fixtures/shop/scenarios";
import { expect, test, waitForDemoCart } from "./support/extension";
import { expectedResult, panelFrame, seedScenario } from "./support/panel";

const require = createRequire(import.meta.url);

/** axe's violations in the panel (evaluated over the DevTools protocol: the panel's policy forbids added scripts). */
async function axeViolations(frame: Frame): Promise<string[]> {
  await frame.evaluate(readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  return frame.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } }
    ).axe;
    return (await axe.run()).violations.map((v) => `${v.impact}: ${v.id}`);
  });
}

test("on www.aliexpress.us a cart in pages is a part until the shopper scrolls, then the whole", async ({
  context,
  page,
  shop,
  extensionId,
}) => {
  const { scenario, wallet } = await seedScenario(context, extensionId, "paged");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(shop.cartUrl("paged", { host: "www.aliexpress.us", delay: 60, opDelay: 40 }));
  const frame = await panelFrame(page, extensionId);

  // Page 1 only: the stack of the loaded lines, said to be a part, never the whole cart's total.
  const part = expectedResult({
    scenario,
    cart: expectedCart(scenario, scenario.pageSize),
    wallet,
    maxOrders: 2,
  });
  await expect(frame.getByTestId("stack-total")).toHaveAttribute("data-cents", String(part.total));
  await expect(frame.getByTestId("cart-incomplete")).toContainText("Scroll to the end of your cart");
  await expect(frame.getByText("You pay, for the loaded items only")).toBeVisible();
  await expect(frame.getByTestId("unavailable-line")).toHaveText([
    "Magnetic cable organiser: This item can't be shipped to your address",
  ]);
  // The summary speaks of every ticked line: it is not held against a part.
  await expect(frame.getByTestId("page-mismatch")).toHaveCount(0);
  expect(await axeViolations(frame)).toEqual([]);

  // The shopper scrolls to the end; the page loads the rest.
  await waitForDemoCart(page);
  await page.mouse.wheel(0, 4000);
  const whole = expectedResult({ scenario, cart: expectedCart(scenario), wallet, maxOrders: 2 });
  await expect(frame.getByTestId("stack-total")).toHaveAttribute("data-cents", String(whole.total));
  await expect(frame.getByTestId("stack-savings")).toHaveAttribute("data-cents", String(whole.savings));
  await expect(frame.getByTestId("cart-incomplete")).toHaveCount(0);
  await expect(frame.getByText("You pay", { exact: true })).toBeVisible();
  await expect(frame.getByTestId("unavailable-line")).toHaveText(
    expectedUnavailable(scenario).map((u) => `${u.title}: ${u.reason}`),
  );
  await expect(frame.getByTestId("page-mismatch")).toHaveCount(0);
  // Never counted: the unavailable lines are in no order.
  const items = await frame
    .getByTestId("stack-item")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-item-id")));
  for (const u of expectedUnavailable(scenario)) expect(items).not.toContain(u.cartId);
});

test("a page summary that contradicts the lines is said in words, with both figures", async ({
  context,
  page,
  shop,
  extensionId,
}) => {
  const { scenario, wallet } = await seedScenario(context, extensionId, "basic");
  await page.goto(shop.cartUrl("basic", { delay: 60, opDelay: 40, summaryOffset: 500 }));
  const frame = await panelFrame(page, extensionId);
  const cart = expectedCart(scenario);
  const result = expectedResult({ scenario, cart, wallet, maxOrders: 2 });
  await expect(frame.getByTestId("stack-total")).toHaveAttribute("data-cents", String(result.total));
  const ticked = cart.items.filter((i) => i.selected).reduce((t, i) => t + i.unitPrice * i.quantity, 0);
  expect(ticked).toBe(9793);
  await expect(frame.getByTestId("page-mismatch")).toHaveText(
    "The page says the ticked items come to US $102.93, but Stackwise counts $97.93 for the same items. Check your cart before trusting either figure.",
  );
  expect(await axeViolations(frame)).toEqual([]);
});

test("the same cart on the global host shows no mismatch and no incomplete notice", async ({
  context,
  page,
  shop,
  extensionId,
}) => {
  const { scenario, wallet } = await seedScenario(context, extensionId, "basic");
  await page.goto(shop.cartUrl("basic", { delay: 60, opDelay: 40 }));
  const frame = await panelFrame(page, extensionId);
  const result = expectedResult({ scenario, cart: expectedCart(scenario), wallet, maxOrders: 2 });
  await expect(frame.getByTestId("stack-total")).toHaveAttribute("data-cents", String(result.total));
  await expect(frame.getByTestId("unavailable-line")).toHaveText(["Silicone watch strap 22 mm: Sold out"]);
  await expect(frame.getByTestId("page-mismatch")).toHaveCount(0);
  await expect(frame.getByTestId("cart-incomplete")).toHaveCount(0);
});
