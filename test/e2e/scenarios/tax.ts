/**
 * Import tax end to end (issue 13): the destination set in the options page
 * reaches the background's optimizer, and the panel on a BRL cart shows the
 * split that saves tax, with the figures the optimizer gives here in Node for
 * the same cart, wallet and destination; on a EUR cart the split that is
 * cheaper before tax loses to one order after tax. From the page's own word:
 * a BRL checkout's tax lines (the demo checkout charges Brazil's rule per
 * package at its own hidden rate, US$0.1843 per R$1) calibrate the exchange
 * rate, which the cart's panel then uses and names the source of; and the
 * page's ship-to country (the site cookie's `region`) wins over the
 * options' country, in words.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { optimize } from "../../../optimizer";
import { expectedCart } from "../../fixtures/shop/scenarios";
import { eventually, says, testId } from "../driver/driver";
import { seedScenario } from "./expect";
import { type Feature, scenario } from "./scenario";

/** How the panel names a rate that a checkout's tax lines gave (the date follows). */
const FROM_CHECKOUT = "Exchange rate 0.1843 USD per BRL, from the tax lines of your checkout on";

export const tax: Feature = {
  name: "tax",
  scenarios: [
    scenario(
      "a BRL cart: the panel shows the split that saves import tax, from the options' destination",
      async ({ options, cart }) => {
        const { scenario, wallet } = await seedScenario(options, "brl");
        await options.saveDestination("BR", "SP", "0.18");
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
        await options.saveDestination("ES");
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

    scenario(
      "a BRL checkout's tax lines calibrate the exchange rate; the cart's panel then uses it and says where it came from",
      async ({ options, cart }) => {
        // No coupons: the stack is what the checkout charges before any pick, so its packages are the page's.
        const { scenario, wallet } = await seedScenario(options, "brl", (all) => ({ ...all, coupons: [] }));
        await options.saveDestination("BR", "SP");

        await cart.open("brl", { host: "pt.aliexpress.com" });
        let panel = await cart.panel();
        // Before any checkout: no rate, so no tax, and the panel says why.
        await panel.ui.waitFor(testId("tax-not-modelled"));
        await says(panel.ui, testId("tax-destination"), "Ship-to country from the page: Brazil.");

        const checkout = await cart.toCheckout();
        panel = await checkout.panel();
        await says(
          panel.ui,
          testId("tax-calibration"),
          "This checkout's tax lines give an exchange rate of 0.1843 USD per BRL",
        );
        // Once stored, the same checkout uses the rate, and its tax check says it proves nothing here.
        await says(panel.ui, testId("tax-rate-source"), FROM_CHECKOUT);
        await eventually(
          () => panel.ui.attr(testId("page-tax-check"), "data-state"),
          "calibrated",
          "the page's tax check",
        );
        await says(panel.ui, testId("page-tax-check"), "not an independent check");

        // A later cart uses the calibrated rate: its figures are the optimizer's at that rate.
        await cart.open("brl", { host: "pt.aliexpress.com" });
        panel = await cart.panel();
        const want = optimize({
          now: new Date().toISOString(),
          cart: expectedCart(scenario),
          wallet,
          destination: { country: "BR", region: "SP", rate: 0.1843 },
          options: { maxOrders: 2 },
        });
        await panel.shows(want.total);
        strictEqual(await panel.ui.cents(testId("tax-total")), want.tax);
        await says(panel.ui, testId("tax-rate-source"), FROM_CHECKOUT);
        await eventually(() => panel.ui.count(testId("tax-calibration")), 0, "no calibration on a cart");

        // The options say so too, and the shopper's own rate still wins.
        await options.reload();
        await eventually(
          async () => (await options.calibratedRate()) ?? "",
          (t) => t.includes("0.1843 USD per BRL for Brazil"),
          "the options' calibrated rate",
        );
        await options.setExchangeRate("0.2");
        await says(panel.ui, testId("tax-rate-source"), "Exchange rate 0.2 USD per BRL, from your settings.");
      },
    ),

    scenario(
      "the page's ship-to country wins over the options' one, and the panel says so",
      async ({ options, cart }) => {
        const { scenario, wallet } = await seedScenario(options, "brl");
        await options.saveDestination("PT", undefined, "0.18");
        await options.close();

        await cart.open("brl", { host: "pt.aliexpress.com" });
        const panel = await cart.panel();
        await eventually(
          () => panel.ui.text(testId("tax-destination")),
          "Ship-to country from the page: Brazil; your setting says Portugal.",
          "the ship-to country's source",
        );
        // Brazil's rule, not Portugal's VAT: the options' state belongs to no Brazilian address, so none is used.
        const want = optimize({
          now: new Date().toISOString(),
          cart: expectedCart(scenario),
          wallet,
          destination: { country: "BR", rate: 0.18 },
          options: { maxOrders: 2 },
        });
        await panel.shows(want.total);
        strictEqual(await panel.ui.cents(testId("tax-total")), want.tax);
        await says(panel.ui, testId("tax-line"), /Import tax|ICMS/);
      },
    ),
  ],
};
