/**
 * Page scanning, on the demo shop under the real host names: a coupon page
 * offers "Add N coupons to Stackwise", the coupons land in the wallet by
 * expiry and "Undo last import" takes them back; a product page lists the
 * coupons not collected yet apart and moves them up once collected; a coin
 * page's balance, caught from the page's own coin answers, is confirmed
 * into the wallet; the setting turns a kind of page off.
 */
import { ok, strictEqual } from "node:assert/strict";
import type { Wallet } from "../../../optimizer/schema";
import { expectedCart, loadScenario } from "../../fixtures/shop/scenarios";
import { css, eventually, label, role, type Surface, sleep, testId } from "../driver/driver";
import { expectedResult } from "./expect";
import { type Feature, scenario } from "./scenario";

/** A page of the demo shop as the browser sees it (each driver maps these hosts to it). */
const at = (path: string, host = "www.aliexpress.com") => `https://${host}${path}`;

const notice = (panel: Surface, text: string) =>
  eventually(
    async () => (await panel.text(testId("scan-notice"))) ?? "",
    (t) => t.includes(text),
    `the notice "${text}"`,
  );

const known = css('[data-testid="scan-coupon"][data-known="true"]');

/** A coin page whose own coin call the page world watches: by fetch, XMLHttpRequest or JSONP. */
const COIN_PAGES = [
  ["fetch", "list", "/p/coin-pc-index/index.html?via=fetch&shape=list&coins=1234&cent=2468"],
  ["xhr", "object", "/p/coin-pc-index/index.html?via=xhr&shape=object&coins=1234&cent=2468"],
  ["jsonp", "list", "/p/coin-index/index.html?via=jsonp&shape=list&coins=1234&cent=2468"],
  // The money as the page writes it, rather than a cent value.
  ["jsonp", "object", "/p/coin-index/index.html?via=jsonp&shape=object&coins=1234&money=US%20%2424.68"],
] as const;

export const scan: Feature = {
  name: "scan",
  scenarios: [
    scenario(
      "a coupon page: Add 4 coupons to Stackwise, see them in the wallet by expiry, undo",
      async ({ driver, popup }) => {
        const page = driver.tab;
        await page.goto(at("/p/my-coupons/index.html?layout=cards"));
        const panel = await page.frame("scan.html");
        await panel.waitFor(role("heading", "Coupons on this page"));
        // Soonest expiry first, each ticked.
        await eventually(() => panel.count(testId("scan-coupon")), 4, "four coupons");
        ok((await panel.text(testId("scan-coupon")))?.includes("$2.00 off"));
        strictEqual(await panel.disabled(role("button", "Add 4 coupons to Stackwise")), false);
        // One unticked: the button says so.
        const secondTick = css("input[type=checkbox]", { within: testId("scan-coupon", { nth: 1 }) });
        await panel.uncheck(secondTick);
        await panel.waitFor(role("button", "Add 3 coupons to Stackwise"));
        await panel.check(secondTick);
        await panel.click(role("button", "Add 4 coupons to Stackwise"));
        await notice(panel, "Added 4");
        // Now every coupon is already in the wallet: nothing more to add.
        await eventually(() => panel.count(known), 4, "four known coupons");
        strictEqual(await panel.disabled(testId("scan-add")), true);

        await popup.openInNewTab("#wallet");
        await eventually(
          () => popup.faces(),
          (f) => f.length === 4 && /10%/.test(f[3] ?? ""),
          "the wallet's four coupons",
        );
        strictEqual((await popup.faces()).slice(0, 3).join(" | "), "$2.00 off | $3.00 off | $7.00 off");

        await popup.ui.click(role("button", "Undo last import"));
        await eventually(async () => (await popup.faces()).length, 0, "the wallet emptied");
        // The page's panel follows the wallet: the coupons can be added again.
        await eventually(() => panel.count(known), 0, "no known coupons");
        strictEqual(await panel.disabled(role("button", "Add 4 coupons to Stackwise")), false);
      },
    ),

    scenario(
      "a product page: collected coupons to add, the others to collect on the page first",
      async ({ driver }) => {
        const page = driver.tab;
        await page.goto(at("/item/1005001560047961.html"));
        const panel = await page.frame("scan.html");
        await panel.waitFor(role("heading", "Coupons for this product"));
        await eventually(() => panel.count(testId("scan-coupon")), 2, "two coupons to add");
        const collect = testId("scan-collect");
        await panel.waitFor(role("heading", "Collect on the page first", { within: collect }));
        strictEqual(await panel.count(testId("scan-collect-coupon", { within: collect })), 2);
        await panel.waitFor(role("button", "Add 2 coupons to Stackwise"));

        // The shopper collects one on the page: it moves up, ready to add.
        await page.click(role("button", "Collect"));
        await eventually(() => panel.count(testId("scan-coupon")), 3, "three coupons to add");
        strictEqual(await panel.count(testId("scan-collect-coupon", { within: collect })), 1);
        await panel.click(role("button", "Add 3 coupons to Stackwise"));
        await notice(panel, "Added 3");
      },
    ),

    scenario(
      "the cart's panel then uses the coupons added from a product page's data",
      async ({ driver, cart }) => {
        const page = driver.tab;
        await page.goto(at("/item/1005001560047961.html"));
        const scan = await page.frame("scan.html");
        await scan.click(role("button", "Add 2 coupons to Stackwise"));
        await notice(scan, "Added 2");

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
        const empty = { coupons: [], points: [] };
        // Both coupons pay here, so the check below cannot pass on an empty wallet.
        ok(
          result.savings >
            expectedResult({ scenario, cart: expectedCart(scenario), wallet: empty, maxOrders: 2 }).savings,
        );
        await cart.open("basic");
        await cart.ready();
        await (await cart.panel()).shows(result.total);
      },
    ),

    ...COIN_PAGES.map(([via, shape, path]) =>
      scenario(
        `a coin page asking by ${via} (${shape} answer${path.includes("money=") ? ", money as text" : ""}): the shopper confirms the balance`,
        async ({ driver, popup }) => {
          const page = driver.tab;
          await page.goto(at(path));
          const panel = await page.frame("scan.html");
          await eventually(
            () => panel.text(testId("scan-coins-balance")),
            "The page shows 1,234 coins.",
            "the balance",
          );
          // 1,234 coins worth $24.68: 2 cents a coin.
          ok((await panel.text(testId("scan-coins")))?.includes("$24.68"));
          await panel.click(role("button", "Set my coins to 1,234"));
          await eventually(
            () => panel.text(testId("scan-notice")),
            "Your wallet now has 1,234 coins.",
            "the notice",
          );

          await popup.openInNewTab("#wallet");
          const shown = await eventually(
            async () => (await popup.ui.text(testId("coins-balance-shown"))) ?? "",
            (t) => t.includes("1,234"),
            "the wallet's coins",
          );
          ok(shown.includes("$24.68"), shown);
        },
      ),
    ),

    scenario("the setting turns scanning off for coupon pages only", async ({ driver, options }) => {
      const settings = await options.open();
      const couponPages = label("Read coupon pages (My coupons, coupon center)");
      strictEqual(await settings.checked(couponPages), true);
      // Saved, then shown: the box follows the stored switch.
      await settings.click(couponPages);
      await eventually(() => settings.checked(couponPages), false, "the switch off");
      strictEqual(await settings.checked(label("Read coupons on product pages")), true);

      const page = driver.tab;
      await page.goto(at("/ssr/300000512/glo-coupon-center?layout=center", "es.aliexpress.com"));
      await eventually(
        () => page.evaluate(() => document.body.dataset.demoStage === "2", undefined),
        true,
        "the coupon center",
      );
      await sleep(1500);
      strictEqual(await page.hasFrame("scan.html"), false);

      // Product pages still scan.
      await page.goto(at("/item/1005001560047961.html", "es.aliexpress.com"));
      await page.frame("scan.html");
    }),
  ],
};
