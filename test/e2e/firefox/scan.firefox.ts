/**
 * Page scanning in Debian's Firefox ESR, on the demo shop under the
 * marketplace's host names (the same as test/e2e/scan.e2e.ts in Chromium):
 * a coupon page's "Add N coupons to Stackwise" puts them in the wallet by
 * expiry and "Undo last import" takes them back; a coin page asking by JSONP
 * gives its balance, confirmed into the wallet; a product page lists the coupons
 * not collected yet apart. The gateway of
 * support/firefox.ts fails a test if anything tried to leave the browser.
 *
 * Build first: `npx wxt build -b firefox --mv3`, then
 * `npx vitest run -c vitest.firefox.config.ts test/e2e/firefox/scan.firefox.ts`.
 */
import { expect, test } from "vitest";
import {
  byRole,
  clickInPanel,
  count,
  openExtensionPage,
  scanFrame,
  testId,
  textOf,
  until,
  useFirefox,
  waitIn,
} from "./support/firefox";

const firefox = useFirefox();

const facesIn = (where: Parameters<typeof textOf>[0]) =>
  where.evaluate(
    (sel) => [...document.querySelectorAll(sel)].map((e) => (e.textContent ?? "").trim()),
    `${testId("coupons-active")} ${testId("coupon-face")}`,
  );

test("a coupon page: Add 4 coupons to Stackwise, the wallet by expiry, undo", async () => {
  const { page, browser } = firefox;
  await page.goto("https://www.aliexpress.com/p/my-coupons/index.html?layout=cards");
  const panel = await scanFrame(page);
  const add = await byRole(panel, "button", "Add 4 coupons to Stackwise");
  await clickInPanel(page, add);
  await waitIn(
    panel,
    (sel: string) => document.querySelector(sel)?.textContent?.includes("Added 4"),
    [testId("scan-notice")],
    "the add's notice",
  );

  const popup = await browser.newPage();
  await openExtensionPage(popup, firefox.extensionUrl("popup.html#wallet"), testId("coupons-active"));
  await until(async () => (await facesIn(popup)).length, 4);
  const faces = await facesIn(popup);
  expect(faces.slice(0, 3)).toEqual(["$2.00 off", "$3.00 off", "$7.00 off"]);
  expect(faces[3]).toMatch(/10%/);

  await (await byRole(popup, "button", "Undo last import")).click();
  await until(async () => (await facesIn(popup)).length, 0);
}, 90_000);

test("a product page: coupons to collect apart, moved up once collected on the page", async () => {
  const { page } = firefox;
  await page.goto("https://www.aliexpress.com/item/1005001560047961.html");
  const panel = await scanFrame(page);
  await until(() => count(panel, testId("scan-collect-coupon")), 2);
  expect(await count(panel, testId("scan-coupon"))).toBe(2);
  await byRole(panel, "button", "Add 2 coupons to Stackwise");
  // The shopper collects one on the page itself.
  await (await byRole(page, "button", "Collect")).click();
  await until(() => count(panel, testId("scan-coupon")), 3);
  expect(await count(panel, testId("scan-collect-coupon"))).toBe(1);
  await byRole(panel, "button", "Add 3 coupons to Stackwise");
}, 90_000);

test("a coin page asking by JSONP: the shopper confirms the balance", async () => {
  const { page, browser } = firefox;
  await page.goto(
    "https://www.aliexpress.com/p/coin-index/index.html?via=jsonp&shape=object&coins=1234&money=US%20%2424.68",
  );
  const panel = await scanFrame(page);
  await until(() => textOf(panel, testId("scan-coins-balance")), "The page shows 1,234 coins.");
  await clickInPanel(page, await byRole(panel, "button", "Set my coins to 1,234"));
  await until(() => textOf(panel, testId("scan-notice")), "Your wallet now has 1,234 coins.");

  const popup = await browser.newPage();
  await openExtensionPage(popup, firefox.extensionUrl("popup.html#wallet"), testId("coins-balance-shown"));
  const shown = await textOf(popup, testId("coins-balance-shown"));
  expect(shown).toContain("1,234");
  expect(shown).toContain("$24.68");
}, 90_000);
