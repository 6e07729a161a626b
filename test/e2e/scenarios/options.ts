/**
 * The options page: a wallet file imported through "Import wallet" comes
 * back unchanged from "Export wallet" (a file the browser saves); a bad file
 * is refused with its problems and changes nothing; program settings save,
 * and the popup counts the new cap in the chosen time zone.
 */
import { deepStrictEqual, match, strictEqual } from "node:assert/strict";
import { css, eventually, label, role, says, testId } from "../driver/driver";
import { type Feature, scenario } from "./scenario";

/** A bare wallet in the optimizer's shape, every default written out and coupons in expiry order. */
const WALLET = {
  coupons: [
    {
      id: "welcome-3",
      kind: "platform",
      off: 300,
      minSpend: 1500,
      expiresAt: "2030-01-05T23:59:59.000Z",
      currency: "USD",
      status: "active",
      source: "welcome",
    },
    {
      id: "store-10pct",
      kind: "store",
      storeId: "tech-store",
      percent: 10,
      maxOff: 400,
      minSpend: 0,
      validFrom: "2029-12-01T00:00:00.000Z",
      expiresAt: "2030-02-01T00:00:00.000Z",
      currency: "USD",
      status: "active",
      source: "store",
    },
    {
      id: "promo-save5",
      kind: "promo",
      code: "SAVE5",
      off: 500,
      minSpend: 3000,
      expiresAt: "2030-03-01T12:00:00.000Z",
      currency: "USD",
      status: "used",
    },
  ],
  coins: { balance: 1250, centsPerCoin: 1, maxPercent: 10 },
  points: [
    { storeId: "home-store", balance: 400, centsPerPoint: 1, minRedeem: 100 },
    {
      storeId: "tech-store",
      balance: 900,
      centsPerPoint: 2,
      minRedeem: 0,
      maxPerOrder: 500,
      expiresAt: "2030-06-30T23:59:59.000Z",
    },
  ],
};

export const options: Feature = {
  name: "options",
  scenarios: [
    scenario(
      "a wallet imported with Import wallet comes back unchanged from Export wallet",
      async ({ options, popup }) => {
        const page = await options.open();
        await page.setViewport(900, 900);
        await options.importFile("wallet.json", JSON.stringify(WALLET, null, 2));
        await says(page, testId("import-result"), "3 coupons");

        const file = await options.exportWallet();
        match(file.name, /^stackwise-backup-\d{4}-\d{2}-\d{2}\.json$/);
        const exported = JSON.parse(file.content);
        strictEqual(exported.format, "stackwise-backup");
        deepStrictEqual(exported.wallet, WALLET);

        // The imported wallet is what the popup lists.
        await popup.open();
        await popup.showTab("Wallet");
        await eventually(() => popup.ui.count(testId("coupon-item")), 3, "the wallet's coupons");
        await says(popup.ui, testId("coins-balance-shown"), "1,250 coins");
      },
    ),

    scenario("a bad file is refused with its problems and changes nothing", async ({ options }) => {
      const page = await options.open();
      await page.setViewport(900, 900);
      const broken = { coupons: [{ ...WALLET.coupons[0], off: -5, expiresAt: "tomorrow" }] };
      await options.importFile("broken.json", JSON.stringify(broken));
      const error = testId("import-error");
      await says(page, error, "This file cannot be imported. Nothing was changed.");
      await says(page, error, "coupons[0].off");
      await says(page, error, "coupons[0].expiresAt");

      const exported = JSON.parse((await options.exportWallet()).content);
      deepStrictEqual(exported.wallet.coupons, []);
    }),

    scenario(
      "program settings and the time zone save, and the popup counts the new cap",
      async ({ options, popup, screenshot }) => {
        const page = await options.open();
        await page.setViewport(900, 900);
        await page.fill(label("Rewards per month (cap)"), "5");
        await page.select(label("Time zone for the monthly cap"), "Asia/Tokyo");
        await page.click(role("button", "Save settings"));
        await eventually(() => page.text(testId("program-saved")), "Saved", "the settings saved");

        await page.fill(label("Rewards per month (cap)"), "many");
        await page.click(role("button", "Save settings"));
        await page.waitFor(css('[role="alert"]', { hasText: "Enter a whole number." }));
        await screenshot(page, "popup-options", { fullPage: true });

        await popup.open();
        await popup.showTab("Tracker");
        await eventually(() => popup.ui.text(testId("cap-used")), "0 / 5", "the cap");
        await popup.ui.waitFor(css("p", { hasText: "Months are counted in Asia/Tokyo." }));
      },
    ),
  ],
};
