/**
 * The cart as the live site serves it (shared/spec/aliexpress-cart.md, "Seen
 * on the live site in 2026"): the US host, a cart whose second page arrives
 * when the shopper scrolls, unavailable lines without itemView, and a page
 * summary that contradicts the lines. Expected figures come from the
 * optimizer run here in Node.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { expectedCart, expectedUnavailable } from "../../fixtures/shop/scenarios";
import { css, eventually, testId } from "../driver/driver";
import { expectedResult, seedScenario } from "./expect";
import { type Feature, scenario } from "./scenario";

export const cartLive: Feature = {
  name: "cart-live",
  scenarios: [
    scenario(
      "on www.aliexpress.us a cart in pages is a part until the shopper scrolls, then the whole",
      async ({ options, cart }) => {
        const { scenario, wallet } = await seedScenario(options, "paged");
        await cart.open("paged", { host: "www.aliexpress.us" });
        const panel = await cart.panel();
        const ui = panel.ui;

        // Page 1 only: the stack of the loaded lines, said to be a part, never the whole cart's total.
        const part = expectedResult({
          scenario,
          cart: expectedCart(scenario, scenario.pageSize),
          wallet,
          maxOrders: 2,
        });
        await panel.shows(part.total);
        ok((await ui.text(testId("cart-incomplete")))?.includes("Scroll to the end of your cart"));
        strictEqual(await ui.text(css(".total-label")), "You pay, for the loaded items only");
        deepStrictEqual(await ui.texts(testId("unavailable-line")), [
          "Magnetic cable organiser: This item can't be shipped to your address",
        ]);
        // The summary speaks of every ticked line: it is not held against a part.
        strictEqual(await ui.count(testId("page-mismatch")), 0);
        deepStrictEqual(await panel.axeViolations(), []);

        // The shopper scrolls to the end; the page loads the rest.
        await cart.scrollToEnd();
        const whole = expectedResult({ scenario, cart: expectedCart(scenario), wallet, maxOrders: 2 });
        await panel.shows(whole.total);
        await eventually(() => ui.count(testId("cart-incomplete")), 0, "the incomplete notice to go");
        strictEqual(await ui.cents(testId("stack-savings")), whole.savings);
        strictEqual(await ui.text(css(".total-label")), "You pay");
        deepStrictEqual(
          await ui.texts(testId("unavailable-line")),
          expectedUnavailable(scenario).map((u) => `${u.title}: ${u.reason}`),
        );
        strictEqual(await ui.count(testId("page-mismatch")), 0);
        // Never counted: the unavailable lines are in no order.
        const items = await ui.attrs(testId("stack-item"), "data-item-id");
        for (const u of expectedUnavailable(scenario)) ok(!items.includes(u.cartId), `${u.cartId} counted`);
      },
    ),

    scenario(
      "a page summary that contradicts the lines is said in words, with both figures",
      async ({ options, cart }) => {
        const { scenario, wallet } = await seedScenario(options, "basic");
        await cart.open("basic", { summaryOffset: 500 });
        const panel = await cart.panel();
        const lines = expectedCart(scenario);
        const result = expectedResult({ scenario, cart: lines, wallet, maxOrders: 2 });
        await panel.shows(result.total);
        const ticked = lines.items
          .filter((i) => i.selected)
          .reduce((t, i) => t + i.unitPrice * i.quantity, 0);
        strictEqual(ticked, 9793);
        await eventually(
          () => panel.ui.text(testId("page-mismatch")),
          "The page says the ticked items come to US $102.93, but Stackwise counts $97.93 for the same items. Check your cart before trusting either figure.",
          "the mismatch notice",
        );
        deepStrictEqual(await panel.axeViolations(), []);
      },
    ),

    scenario(
      "the same cart on the global host shows no mismatch and no incomplete notice",
      async ({ options, cart }) => {
        const { scenario, wallet } = await seedScenario(options, "basic");
        await cart.open("basic");
        const panel = await cart.panel();
        const result = expectedResult({ scenario, cart: expectedCart(scenario), wallet, maxOrders: 2 });
        await panel.shows(result.total);
        await eventually(
          () => panel.ui.texts(testId("unavailable-line")),
          ["Silicone watch strap 22 mm: Sold out"],
          "the unavailable line",
        );
        strictEqual(await panel.ui.count(testId("page-mismatch")), 0);
        strictEqual(await panel.ui.count(testId("cart-incomplete")), 0);
      },
    ),
  ],
};
