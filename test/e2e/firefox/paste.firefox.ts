/**
 * "Paste coupons" and "Undo last import" in Debian's Firefox ESR with the
 * Firefox build: the same flows as in Chromium (test/e2e/paste.e2e.ts), and
 * the cart's panel then stacks the pasted coupons as the optimizer does.
 *
 * Build first: `npx wxt build -b firefox --mv3`, then
 * `npx vitest run -c vitest.firefox.config.ts test/e2e/firefox/paste.firefox.ts`.
 */
import type { Page } from "puppeteer-core";
import { expect, test } from "vitest";
import type { Coupon, Wallet } from "../../../optimizer/schema";
import { expectedCart, loadScenario } from "../../fixtures/shop/scenarios";
import { expectedResult } from "../support/panel";
import {
  attribute,
  byRole,
  count,
  openExtensionPage,
  panelFrame,
  setViewport,
  testId,
  textOf,
  until,
  useFirefox,
  visible,
} from "./support/firefox";

const firefox = useFirefox();

const dayFromNow = (days: number) =>
  new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(
    Date.now() + days * 86_400_000,
  );

async function openWallet(page: Page): Promise<void> {
  await setViewport(page, { width: 380, height: 700 });
  await openExtensionPage(page, firefox.extensionUrl("popup.html#wallet"), testId("coupons-card"));
}

async function pasteCoupons(page: Page, text: string): Promise<void> {
  await (await byRole(page, "button", "Paste coupons")).click();
  await visible(page, testId("paste-text"));
  // Set at once and announced as typing: typing a whole page key by key would only slow the test.
  await page.$eval(
    testId("paste-text"),
    (el, value) => {
      (el as HTMLTextAreaElement).value = value as string;
      el.dispatchEvent(new Event("input", { bubbles: true }));
    },
    text,
  );
  await (await byRole(page, "button", "Read coupons")).click();
  await visible(page, testId("paste-review"));
}

const faces = (page: Page) =>
  page.$$eval(`${testId("coupons-active")} ${testId("coupon-face")}`, (els) =>
    els.map((e) => (e.textContent ?? "").trim()),
  );

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
  ) as Promise<(Coupon & { source?: string })[]>;

test("pasted coupons are added in one go, listed by expiry, and the import can be undone", async () => {
  const { page } = firefox;
  await openWallet(page);
  await pasteCoupons(
    page,
    [
      "Store coupon · Cable World",
      "US $2.00 off on orders over US $15.00",
      `Expires ${dayFromNow(20)}`,
      "AliExpress coupon",
      "US $5.00 off on orders over US $40.00",
      `Expires ${dayFromNow(5)}`,
    ].join("\n"),
  );
  expect(await count(page, testId("paste-draft"))).toBe(2);
  await (await byRole(page, "button", "Add 2 coupons")).click();
  await until(() => textOf(page, testId("import-notice")), "Added 2 coupons; 0 were already in your wallet.");
  await until(() => faces(page), ["$5.00 off", "$2.00 off"]);
  expect((await storedCoupons(page)).map((c) => c.source)).toEqual(["paste", "paste"]);

  await (await byRole(page, "button", "Undo last import")).click();
  await until(() => textOf(page, testId("import-notice")), "Removed 2 coupons of the last import.");
  await visible(page, testId("no-coupons"));
  expect(await count(page, testId("undo-import"))).toBe(0);
  expect(await storedCoupons(page)).toEqual([]);
});

test("the cart's panel uses the coupons pasted into the wallet", async () => {
  const { page } = firefox;
  await openWallet(page);
  await pasteCoupons(
    page,
    [
      "AliExpress coupon",
      "US $6.00 off on orders over US $20.00",
      `Expires ${dayFromNow(10)}`,
      "Select coupon",
      "US $2.00 off on orders over US $10.00",
      `Expires ${dayFromNow(12)}`,
    ].join("\n"),
  );
  await (await byRole(page, "button", "Add 2 coupons")).click();
  await visible(page, testId("import-notice"));
  const coupons = await storedCoupons(page);
  expect(coupons).toHaveLength(2);

  const scenario = loadScenario("basic");
  await setViewport(page, { width: 1280, height: 900 });
  await page.goto(firefox.cartUrl("basic", { delay: 60, opDelay: 40 }));
  const frame = await panelFrame(page);
  const wallet: Wallet = {
    coupons: coupons.map(({ id, kind, off, minSpend, expiresAt, currency, status }) => ({
      id,
      kind,
      ...(off === undefined ? {} : { off }),
      minSpend,
      expiresAt,
      ...(currency === undefined ? {} : { currency }),
      status,
    })),
    points: [],
  };
  const result = expectedResult({ scenario, cart: expectedCart(scenario), wallet, maxOrders: 2 });
  const used = result.orders
    .flatMap((o) => [o.platformCoupon?.couponId, o.selectCoupon?.couponId])
    .filter((id): id is string => id !== undefined);
  expect(used.length).toBeGreaterThan(0);
  await until(() => attribute(frame, testId("stack-total"), "data-cents"), String(result.total), 20_000);
  const shown = await frame.$$eval("[data-testid=stack-slot][data-coupon-id]", (els) =>
    els.map((e) => e.getAttribute("data-coupon-id") ?? ""),
  );
  expect(shown.sort()).toEqual(used.sort());
});
