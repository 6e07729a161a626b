/**
 * Import tax end to end (issue 13) in Debian's Chromium, on the production build: the
 * destination set in the options page reaches the background's optimizer, and the panel
 * on a BRL cart shows the split that saves tax, with the figures the optimizer gives here
 * in Node for the same cart, wallet and destination; on a EUR cart the split that is cheaper
 * before tax loses to one order after tax.
 *
 * Build first: `npx wxt build && npx playwright test test/e2e/tax.e2e.ts`.
 */
import { optimize } from "../../optimizer";
import { expectedCart } from "../fixtures/shop/scenarios";
import { expect, test } from "./support/extension";
import { centsOf, panelFrame, seedScenario } from "./support/panel";

test("a BRL cart: the panel shows the split that saves import tax, from the options' destination", async ({
  context,
  page,
  shop,
  extensionId,
}) => {
  const { scenario, wallet } = await seedScenario(context, extensionId, "brl");
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel("Destination country").selectOption("BR");
  await options.getByLabel("Brazilian state").selectOption("SP");
  await options.getByLabel("Exchange rate").fill("0.18");
  await expect(options.getByLabel("Exchange rate")).toHaveValue("0.18");
  // The last change is saved once the page reads it back.
  await options.reload();
  await expect(options.getByLabel("Exchange rate")).toHaveValue("0.18");
  await options.close();

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(shop.cartUrl("brl", { host: "pt.aliexpress.com" }));
  const frame = await panelFrame(page, extensionId);
  const input = {
    now: new Date().toISOString(),
    cart: expectedCart(scenario),
    wallet,
    destination: { country: "BR", region: "SP", rate: 0.18 },
    ...(scenario.rules ? { rules: scenario.rules } : {}),
    options: { maxOrders: 2 },
  };
  const want = optimize(input);
  const one = optimize({ ...input, options: { maxOrders: 1 } });
  expect(want.orders.length, "this cart is cheaper split after tax").toBe(2);
  await expect(frame.getByTestId("stack-total")).toHaveAttribute("data-cents", String(want.total));
  expect(await centsOf(frame, "tax-total")).toBe(want.tax);
  expect(await centsOf(frame, "tax-split-saving")).toBe((one.tax ?? 0) - (want.tax ?? 0));
  await expect(frame.getByTestId("tax-split-saving")).toContainText("2");
  const lines = await frame
    .getByTestId("tax-line")
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-cents"))));
  expect(lines).toEqual(
    want.orders.flatMap((o) => (o.packages ?? []).flatMap((p) => p.taxes.map((t) => t.amount))),
  );
});

test("a EUR cart: split packages under EUR 150 pay the EUR 3 duty per product and VAT, so one order is the cheapest", async ({
  context,
  page,
  shop,
  extensionId,
}) => {
  const { scenario, wallet } = await seedScenario(context, extensionId, "eur-duty");
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel("Destination country").selectOption("ES");
  await options.reload();
  await expect(options.getByLabel("Destination country")).toHaveValue("ES");
  await options.close();

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(shop.cartUrl("eur-duty", { host: "es.aliexpress.com" }));
  const frame = await panelFrame(page, extensionId);
  const input = {
    now: new Date().toISOString(),
    cart: expectedCart(scenario),
    wallet,
    options: { maxOrders: 2 },
  };
  // Before tax the second platform coupon makes the split cheaper...
  const untaxed = optimize(input);
  expect(untaxed.orders.length, "before tax this cart is cheaper split").toBe(2);
  // ...after tax, split, each EUR 76 package pays EUR 3 of duty per product and VAT at checkout,
  // while one order's EUR 156 package is above EUR 150 (its VAT is charged at delivery, and the panel says so).
  const want = optimize({ ...input, destination: { country: "ES" } });
  expect(want.orders.length, "after tax one order is the cheapest").toBe(1);
  await expect(frame.getByTestId("stack-total")).toHaveAttribute("data-cents", String(want.total));
  await expect(frame.getByTestId("stack-order")).toHaveCount(1);
  expect(await centsOf(frame, "tax-total")).toBe(want.tax);
  await expect(frame.getByTestId("tax-split-saving")).toHaveCount(0);
  await expect(frame.getByTestId("tax-outside")).toContainText("1 of 1");
});
