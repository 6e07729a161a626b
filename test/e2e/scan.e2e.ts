/**
 * Page scanning end to end in Chromium, on the demo shop under the real host
 * names (every test runs under the no-network guard of support/extension.ts):
 * a coupon page offers "Add N coupons to Stackwise", the coupons land in the
 * wallet by expiry and "Undo last import" takes them back; a product page
 * lists the coupons not collected yet apart and moves them up once collected;
 * a coin page's balance, caught from the page's own coin answers, is
 * confirmed into the wallet; the setting turns a kind of page off.
 *
 * Build first: `npx wxt build && npx playwright test test/e2e/scan.e2e.ts`.
 */
import type { Wallet } from "../../optimizer/schema";
import { expectedCart, loadScenario } from "../fixtures/shop/scenarios";
import { expect, test, waitForDemoCart } from "./support/extension";
import { expectedResult, panelFrame, scanFrame } from "./support/panel";

/** A page of the demo shop as the browser sees it (support/extension.ts maps these hosts to it). */
const at = (path: string, host = "www.aliexpress.com") => `https://${host}${path}`;

test("a coupon page: Add 4 coupons to Stackwise, see them in the wallet by expiry, undo", async ({
  context,
  page,

  extensionId,
}) => {
  await page.goto(at("/p/my-coupons/index.html?layout=cards"));
  const panel = await scanFrame(page, extensionId);
  await expect(panel.getByRole("heading", { name: "Coupons on this page" })).toBeVisible();
  // Soonest expiry first, each ticked.
  await expect(panel.getByTestId("scan-coupon")).toHaveCount(4);
  await expect(panel.getByTestId("scan-coupon").first()).toContainText("$2.00 off");
  const add = panel.getByRole("button", { name: "Add 4 coupons to Stackwise" });
  await expect(add).toBeEnabled();
  // One unticked: the button says so.
  await panel.getByTestId("scan-coupon").nth(1).getByRole("checkbox").uncheck();
  await expect(panel.getByRole("button", { name: "Add 3 coupons to Stackwise" })).toBeVisible();
  await panel.getByTestId("scan-coupon").nth(1).getByRole("checkbox").check();
  await add.click();
  await expect(panel.getByTestId("scan-notice")).toContainText("Added 4");
  // Now every coupon is already in the wallet: nothing more to add.
  await expect(panel.locator('[data-testid="scan-coupon"][data-known="true"]')).toHaveCount(4);
  await expect(panel.getByTestId("scan-add")).toBeDisabled();

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html#wallet`);
  const faces = popup.getByTestId("coupons-active").getByTestId("coupon-face");
  await expect(faces).toHaveText(["$2.00 off", "$3.00 off", "$7.00 off", /10%/]);

  await popup.getByRole("button", { name: "Undo last import" }).click();
  await expect(faces).toHaveCount(0);
  // The page's panel follows the wallet: the coupons can be added again.
  await expect(panel.locator('[data-testid="scan-coupon"][data-known="true"]')).toHaveCount(0);
  await expect(panel.getByRole("button", { name: "Add 4 coupons to Stackwise" })).toBeEnabled();
});

test("a product page: collected coupons to add, the others to collect on the page first", async ({
  page,

  extensionId,
}) => {
  await page.goto(at("/item/1005001560047961.html"));
  const panel = await scanFrame(page, extensionId);
  await expect(panel.getByRole("heading", { name: "Coupons for this product" })).toBeVisible();
  await expect(panel.getByTestId("scan-coupon")).toHaveCount(2);
  const collect = panel.getByTestId("scan-collect");
  await expect(collect.getByRole("heading", { name: "Collect on the page first" })).toBeVisible();
  await expect(collect.getByTestId("scan-collect-coupon")).toHaveCount(2);
  await expect(panel.getByRole("button", { name: "Add 2 coupons to Stackwise" })).toBeVisible();

  // The shopper collects one on the page: it moves up, ready to add.
  await page.getByRole("button", { name: "Collect", exact: true }).first().click();
  await expect(panel.getByTestId("scan-coupon")).toHaveCount(3);
  await expect(collect.getByTestId("scan-collect-coupon")).toHaveCount(1);
  await panel.getByRole("button", { name: "Add 3 coupons to Stackwise" }).click();
  await expect(panel.getByTestId("scan-notice")).toContainText("Added 3");
});

test("the cart's panel then uses the coupons added from a product page's data", async ({
  page,
  shop,
  extensionId,
}) => {
  await page.goto(at("/item/1005001560047961.html"));
  const scan = await scanFrame(page, extensionId);
  await scan.getByRole("button", { name: "Add 2 coupons to Stackwise" }).click();
  await expect(scan.getByTestId("scan-notice")).toContainText("Added 2");

  // The same two coupons, as the page data gives them: a platform coupon and Cable World's.
  const scenario = loadScenario("basic");
  const wallet: Wallet = {
    coupons: [
      {
        id: "a",
        kind: "platform",
        status: "active",
        off: 300,
        minSpend: 2000,
        currency: "USD",
        expiresAt: "2027-01-31T07:59:59Z",
      },
      {
        id: "b",
        kind: "store",
        status: "active",
        storeId: "1102345678",
        off: 200,
        minSpend: 1500,
        currency: "USD",
        expiresAt: "2027-01-15T07:59:59Z",
      },
    ],
    points: [],
  };
  const result = expectedResult({ scenario, cart: expectedCart(scenario), wallet, maxOrders: 2 });
  // Both coupons pay here, so the check below cannot pass on an empty wallet.
  expect(result.savings).toBeGreaterThan(
    expectedResult({
      scenario,
      cart: expectedCart(scenario),
      wallet: { coupons: [], points: [] },
      maxOrders: 2,
    }).savings,
  );
  await page.goto(shop.cartUrl("basic", { delay: 60, opDelay: 40 }));
  await waitForDemoCart(page);
  const panel = await panelFrame(page, extensionId);
  await expect(panel.getByTestId("stack-total")).toHaveAttribute("data-cents", String(result.total));
});

for (const [via, shape] of [
  ["fetch", "list"],
  ["xhr", "object"],
  ["jsonp", "list"],
] as const)
  test(`a coin page asking by ${via} (${shape} answer): the shopper confirms the balance`, async ({
    context,
    page,

    extensionId,
  }) => {
    const path = via === "jsonp" ? "/p/coin-index/index.html" : "/p/coin-pc-index/index.html";
    await page.goto(at(`${path}?via=${via}&shape=${shape}&coins=1234&cent=2468`));
    const panel = await scanFrame(page, extensionId);
    await expect(panel.getByTestId("scan-coins-balance")).toHaveText("The page shows 1,234 coins.");
    // 1,234 coins worth $24.68: 2 cents a coin.
    await expect(panel.getByTestId("scan-coins")).toContainText("$24.68");
    await panel.getByRole("button", { name: "Set my coins to 1,234" }).click();
    await expect(panel.getByTestId("scan-notice")).toHaveText("Your wallet now has 1,234 coins.");

    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html#wallet`);
    await expect(popup.getByTestId("coins-balance-shown")).toContainText("1,234");
    await expect(popup.getByTestId("coins-balance-shown")).toContainText("$24.68");
  });

test("the setting turns scanning off for coupon pages only", async ({ context, page, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const couponPages = options.getByLabel("Read coupon pages (My coupons, coupon center)");
  await expect(couponPages).toBeChecked();
  // Saved, then shown: the box follows the stored switch.
  await couponPages.click();
  await expect(couponPages).not.toBeChecked();
  await expect(options.getByLabel("Read coupons on product pages")).toBeChecked();

  await page.goto(at("/ssr/300000512/glo-coupon-center?layout=center", "es.aliexpress.com"));
  await page.waitForFunction(() => document.body.dataset.demoStage === "2");
  await page.waitForTimeout(1500);
  expect(page.frames().some((f) => f.url().includes("/scan.html"))).toBe(false);

  // Product pages still scan.
  await page.goto(at("/item/1005001560047961.html", "es.aliexpress.com"));
  await scanFrame(page, extensionId);
});
