/**
 * Import tax end to end (issue 13): the destination set in the options page
 * reaches the background's optimizer, and the panel on a BRL cart shows the
 * split that saves tax, with the figures the optimizer gives here in Node for
 * the same cart, wallet and destination; on a EUR cart the split that is
 * cheaper before tax loses to one order after tax.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { optimize } from "../../../optimizer";
import { expectedCart } from "../../fixtures/shop/scenarios";
import { eventually, testId } from "../driver/driver";
import { seedScenario } from "./expect";
import { type Feature, scenario } from "./scenario";

export const tax: Feature = {
  name: "tax",
  scenarios: [
    scenario(
      "a BRL cart: the panel shows the split that saves import tax, from the options' destination",
      async ({ options, cart }) => {
        const { scenario, wallet } = await seedScenario(options, "brl");
        await options.open();
        await options.setDestination("BR", "SP", "0.18");
        // The last change is saved once the page reads it back.
        await options.reload();
        await eventually(() => options.value("Exchange rate"), "0.18", "the saved exchange rate");
        await options.close();

        await cart.open("brl", { host: "pt.aliexpress.com" });
        const panel = await cart.panel();
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
        strictEqual(want.orders.length, 2, "this cart is cheaper split after tax");
        await panel.shows(want.total);
        strictEqual(await panel.ui.cents(testId("tax-total")), want.tax);
        strictEqual(await panel.ui.cents(testId("tax-split-saving")), (one.tax ?? 0) - (want.tax ?? 0));
        ok((await panel.ui.text(testId("tax-split-saving")))?.includes("2"));
        deepStrictEqual(
          (await panel.ui.attrs(testId("tax-line"), "data-cents")).map(Number),
          want.orders.flatMap((o) => (o.packages ?? []).flatMap((p) => p.taxes.map((t) => t.amount))),
        );
      },
    ),

    scenario(
      "a EUR cart: split packages under EUR 150 pay the EUR 3 duty per product and VAT, so one order is the cheapest",
      async ({ options, cart }) => {
        const { scenario, wallet } = await seedScenario(options, "eur-duty");
        await options.open();
        await options.setDestination("ES");
        await options.reload();
        await eventually(() => options.value("Destination country"), "ES", "the saved destination");
        await options.close();

        await cart.open("eur-duty", { host: "es.aliexpress.com" });
        const panel = await cart.panel();
        const input = {
          now: new Date().toISOString(),
          cart: expectedCart(scenario),
          wallet,
          options: { maxOrders: 2 },
        };
        // Before tax the second platform coupon makes the split cheaper...
        strictEqual(optimize(input).orders.length, 2, "before tax this cart is cheaper split");
        // ...after tax, split, each EUR 76 package pays EUR 3 of duty per product and VAT at checkout,
        // while one order's EUR 156 package is above EUR 150 (its VAT is charged at delivery, and the panel says so).
        const want = optimize({ ...input, destination: { country: "ES" } });
        strictEqual(want.orders.length, 1, "after tax one order is the cheapest");
        await panel.shows(want.total);
        await eventually(() => panel.ui.count(testId("stack-order")), 1, "one order");
        strictEqual(await panel.ui.cents(testId("tax-total")), want.tax);
        strictEqual(await panel.ui.count(testId("tax-split-saving")), 0);
        ok((await panel.ui.text(testId("tax-outside")))?.includes("1 of 1"));
      },
    ),
  ],
};
