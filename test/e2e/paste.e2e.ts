/**
 * "Paste coupons" and "Undo last import" in the built extension, in Debian's
 * Chromium: a block of copied coupon text becomes wallet coupons (sorted by
 * expiry), the last import is taken back, and the cart's panel then stacks
 * the pasted coupons exactly as the optimizer does in Node.
 *
 * Build first: `npx wxt build && npx playwright test test/e2e/paste.e2e.ts`.
 */
import type { Page } from "@playwright/test";
import type { Coupon, Wallet } from "../../optimizer/schema";
import { expectedCart, loadScenario } from "../fixtures/shop/scenarios";
import { expect, test } from "./support/extension";
import { expectedResult, panelFrame } from "./support/panel";

/** "Dec 31, 2026" for a day `days` from now, as AliExpress's English pages write it. */
const dayFromNow = (days: number) =>
  new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(
    Date.now() + days * 86_400_000,
  );

async function pasteCoupons(page: Page, text: string): Promise<void> {
  await page.getByRole("button", { name: "Paste coupons" }).click();
  await page.getByTestId("paste-text").fill(text);
  await page.getByRole("button", { name: "Read coupons" }).click();
  await expect(page.getByTestId("paste-review")).toBeVisible();
}

/** The wallet's coupons as stored, read in the extension's own page. */
const storedCoupons = (page: Page): Promise<(Coupon & { source?: string })[]> =>
  page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("stackwise");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction("coupons").objectStore("coupons").getAll();
          read.onsuccess = () => {
            open.result.close();
            resolve(read.result);
          };
          read.onerror = () => reject(read.error);
        };
      }),
  );

test("pasted coupons are added in one go, listed by expiry, and the import can be undone", async ({
  page,
  extensionId,
}) => {
  await page.goto(`chrome-extension://${extensionId}/popup.html#wallet`);
  await expect(page.getByTestId("coupons-card")).toBeVisible();
  await pasteCoupons(
    page,
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
  await expect(page.getByTestId("paste-draft")).toHaveCount(2);
  await expect(page.getByTestId("paste-refused")).toContainText("different currencies");
  await page.getByRole("button", { name: "Add 2 coupons" }).click();
  await expect(page.getByTestId("import-notice")).toHaveText(
    "Added 2 coupons; 0 were already in your wallet.",
  );
  await expect(page.getByTestId("coupons-active").getByTestId("coupon-face")).toHaveText([
    "$5.00 off",
    "$2.00 off",
  ]);
  const stored = await storedCoupons(page);
  expect(stored.map((c) => c.source)).toEqual(["paste", "paste"]);

  // The same text again: both are already there and nothing is added.
  await pasteCoupons(page, `US $5.00 off on orders over US $40.00\nExpires ${dayFromNow(5)}`);
  await expect(page.getByTestId("already-there")).toHaveCount(1);
  await expect(page.getByRole("button", { name: /^Add \d+ coupons$/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Cancel" }).click();

  await page.getByRole("button", { name: "Undo last import" }).click();
  await expect(page.getByTestId("import-notice")).toHaveText("Removed 2 coupons of the last import.");
  await expect(page.getByTestId("no-coupons")).toBeVisible();
  await expect(page.getByRole("button", { name: "Undo last import" })).toHaveCount(0);
  expect(await storedCoupons(page)).toEqual([]);
});

test("the cart's panel uses the coupons pasted into the wallet", async ({
  context,
  page,
  shop,
  extensionId,
}) => {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html#wallet`);
  await pasteCoupons(
    popup,
    [
      "AliExpress coupon",
      "US $6.00 off on orders over US $20.00",
      `Expires ${dayFromNow(10)}`,
      "Select coupon",
      "US $2.00 off on orders over US $10.00",
      `Expires ${dayFromNow(12)}`,
    ].join("\n"),
  );
  await popup.getByRole("button", { name: "Add 2 coupons" }).click();
  await expect(popup.getByTestId("import-notice")).toBeVisible();
  const coupons = await storedCoupons(popup);
  expect(coupons).toHaveLength(2);

  const scenario = loadScenario("basic");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(shop.cartUrl("basic", { delay: 60, opDelay: 40 }));
  const frame = await panelFrame(page, extensionId);
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
  const used = result.orders.flatMap((o) => [o.platformCoupon?.couponId, o.selectCoupon?.couponId]);
  // The pasted coupons are worth using on this cart: the test would prove nothing otherwise.
  expect(used.filter((id) => id !== undefined).length).toBeGreaterThan(0);
  await expect(frame.getByTestId("stack-total")).toHaveAttribute("data-cents", String(result.total));
  const shown = await frame
    .locator("[data-testid=stack-slot][data-coupon-id]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-coupon-id")));
  expect(shown.sort()).toEqual(used.filter((id): id is string => id !== undefined).sort());
});
