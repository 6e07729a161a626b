/**
 * The options page in Debian's Chromium: a wallet file imported through
 * "Import wallet" comes back unchanged from "Export wallet"; a bad file is
 * refused with its problems and changes nothing; program settings save.
 *
 * Build first: `npx wxt build && npx playwright test test/e2e/options.e2e.ts`.
 */
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/extension";

const SCREENSHOTS = process.env.STACKWISE_SCREENSHOTS === "1";

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

async function openOptions(page: Page, extensionId: string): Promise<void> {
  await page.setViewportSize({ width: 900, height: 900 });
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByRole("button", { name: "Export wallet" })).toBeVisible();
}

test("a wallet imported with Import wallet comes back unchanged from Export wallet", async ({
  page,
  extensionId,
}) => {
  await openOptions(page, extensionId);
  await page.getByLabel("Import wallet").setInputFiles({
    name: "wallet.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(WALLET, null, 2)),
  });
  await expect(page.getByTestId("import-result")).toContainText("3 coupons");

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export wallet" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^stackwise-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(await readFile(await download.path(), "utf8"));
  expect(exported.format).toBe("stackwise-backup");
  expect(exported.wallet).toEqual(WALLET);

  // The imported wallet is what the popup lists.
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.getByRole("tab", { name: "Wallet" }).click();
  await expect(page.getByTestId("coupon-item")).toHaveCount(3);
  await expect(page.getByTestId("coins-balance-shown")).toContainText("1,250 coins");
});

test("a bad file is refused with its problems and changes nothing", async ({ page, extensionId }) => {
  await openOptions(page, extensionId);
  const broken = { coupons: [{ ...WALLET.coupons[0], off: -5, expiresAt: "tomorrow" }] };
  await page.getByLabel("Import wallet").setInputFiles({
    name: "broken.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(broken)),
  });
  const error = page.getByTestId("import-error");
  await expect(error).toContainText("This file cannot be imported. Nothing was changed.");
  await expect(error).toContainText("coupons[0].off");
  await expect(error).toContainText("coupons[0].expiresAt");

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export wallet" }).click();
  const exported = JSON.parse(await readFile(await (await downloading).path(), "utf8"));
  expect(exported.wallet.coupons).toEqual([]);
});

test("program settings and the time zone save, and the popup counts the new cap", async ({
  page,
  extensionId,
}) => {
  await openOptions(page, extensionId);
  await page.getByLabel("Rewards per month (cap)").fill("5");
  await page.getByLabel("Time zone for the monthly cap").selectOption("Asia/Tokyo");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByTestId("program-saved")).toHaveText("Saved");

  await page.getByLabel("Rewards per month (cap)").fill("many");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Enter a whole number.")).toBeVisible();
  if (SCREENSHOTS) await page.screenshot({ path: "docs/popup-options.png", fullPage: true });

  await page.setViewportSize({ width: 380, height: 600 });
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.getByRole("tab", { name: "Tracker" }).click();
  await expect(page.getByTestId("cap-used")).toHaveText("0 / 5");
  await expect(page.getByText("Months are counted in Asia/Tokyo.")).toBeVisible();
});
