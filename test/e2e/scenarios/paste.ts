/**
 * "Paste coupons" and "Undo last import": a block of copied coupon text
 * becomes wallet coupons (sorted by expiry), the last import is taken back,
 * and the cart's panel then stacks the pasted coupons exactly as the
 * optimizer does in Node.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import type { Wallet } from "../../../optimizer/schema";
import { expectedCart, loadScenario } from "../../fixtures/shop/scenarios";
import { eventually, role, testId } from "../driver/driver";
import { expectedResult } from "./expect";
import { type Feature, scenario } from "./scenario";

/** "Dec 31, 2026" for a day `days` from now, as AliExpress's English pages write it. */
const dayFromNow = (days: number) =>
  new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(
    Date.now() + days * 86_400_000,
  );

export const paste: Feature = {
  name: "paste",
  scenarios: [
    scenario(
      "pasted coupons are added in one go, listed by expiry, and the import can be undone",
      async ({ popup }) => {
        const ui = () => popup.ui;
        await popup.open("#wallet", { width: 380, height: 700 });
        await ui().waitFor(testId("coupons-card"));
        await popup.pasteCoupons(
          [
            "My Coupons",
            "Store coupon · Cable World",
            "US $2.00 off on orders over US $15.00",
            `Expires ${dayFromNow(20)}`,
            "Use",
            "AliExpress coupon",
            "US $5.00 off on orders over US $40.00",
            `Expires ${dayFromNow(5)}`,
            "Use",
            "US $3.00 off on orders over 20,00 €",
          ].join("\n"),
        );
        strictEqual(await ui().count(testId("paste-draft")), 2);
        ok(
          (await ui().text(testId("paste-refused")))?.includes("different currencies"),
          "the mixed currency refused",
        );
        await ui().click(role("button", "Add 2 coupons"));
        await eventually(
          () => ui().text(testId("import-notice")),
          "Added 2 coupons; 0 were already in your wallet.",
          "the import notice",
        );
        await eventually(() => popup.faces(), ["$5.00 off", "$2.00 off"], "the wallet by expiry");
        deepStrictEqual(
          (await popup.storedCoupons()).map((c) => c.source),
          ["paste", "paste"],
        );

        // The same text again: both are already there and nothing is added.
        await popup.pasteCoupons(`US $5.00 off on orders over US $40.00\nExpires ${dayFromNow(5)}`);
        strictEqual(await ui().count(testId("already-there")), 1);
        strictEqual(await ui().count(role("button", /^Add \d+ coupons$/)), 0);
        await ui().click(role("button", "Cancel"));

        await ui().click(role("button", "Undo last import"));
        await eventually(
          () => ui().text(testId("import-notice")),
          "Removed 2 coupons of the last import.",
          "the undo notice",
        );
        await ui().waitFor(testId("no-coupons"));
        strictEqual(await ui().count(role("button", "Undo last import")), 0);
        strictEqual(await ui().count(testId("undo-import")), 0);
        deepStrictEqual(await popup.storedCoupons(), []);
      },
    ),

    scenario("the cart's panel uses the coupons pasted into the wallet", async ({ popup, cart }) => {
      await popup.openInNewTab("#wallet");
      await popup.pasteCoupons(
        [
          "AliExpress coupon",
          "US $6.00 off on orders over US $20.00",
          `Expires ${dayFromNow(10)}`,
          "Select coupon",
          "US $2.00 off on orders over US $10.00",
          `Expires ${dayFromNow(12)}`,
        ].join("\n"),
      );
      await popup.ui.click(role("button", "Add 2 coupons"));
      await popup.ui.waitFor(testId("import-notice"));
      const coupons = await popup.storedCoupons();
      strictEqual(coupons.length, 2);

      const scenario = loadScenario("basic");
      await cart.open("basic");
      const panel = await cart.panel();
      const wallet: Wallet = {
        coupons: coupons.map(({ id, kind, off, minSpend, expiresAt, currency, status, source }) => ({
          id,
          kind,
          ...(off === undefined ? {} : { off }),
          minSpend,
          expiresAt,
          ...(currency === undefined ? {} : { currency }),
          status,
          ...(source === undefined ? {} : { source }),
        })),
        points: [],
      };
      const result = expectedResult({ scenario, cart: expectedCart(scenario), wallet, maxOrders: 2 });
      const used = result.orders
        .flatMap((o) => [o.platformCoupon?.couponId, o.selectCoupon?.couponId])
        .filter((id): id is string => id !== undefined);
      // The pasted coupons are worth using on this cart: the test would prove nothing otherwise.
      ok(used.length > 0, "the pasted coupons pay on this cart");
      await panel.shows(result.total, 20_000);
      deepStrictEqual(await panel.shownCouponIds(), used.sort());
    }),
  ],
};
