/**
 * Accessibility of every screen Stackwise shows: axe-core finds no
 * violations on each popup card (with the add-coupon form open and with its
 * errors showing), the options page, the panel with a split stack and on a
 * checkout, and the scan panel; the popup's main flows and the panel's
 * controls work from the keyboard alone with a visible focus; and the
 * panel's polite live region says the new total when the cart changes.
 */
import { deepStrictEqual, notStrictEqual, ok, strictEqual } from "node:assert/strict";
import { formatMoney } from "../../../src/core/money";
import { expectedCart, loadScenario } from "../../fixtures/shop/scenarios";
import { css, eventually, type Key, label, role, type Surface, says, testId } from "../driver/driver";
import { axeViolations, type Focused, focused } from "../pages/a11y";
import { SHOP_LINK as LINK } from "../pages/popup";
import { expectedResult, seedScenario, walletAtNow } from "./expect";
import { type Feature, scenario } from "./scenario";

const noViolations = async (where: Surface) => deepStrictEqual(await axeViolations(where), []);

/** Presses `key` and returns what has the focus then, which must show it. */
async function press(where: Surface, key: Key): Promise<Focused> {
  await where.press(key);
  const now = await focused(where);
  if (now === null) throw new Error(`${key} left the focus nowhere`);
  ok(now.visible, `focus on "${now.name}" (${now.role}) is not visible`);
  return now;
}

/** Tabs (forward, or back with Shift+Tab) until a control named `name` has the focus, checking each stop shows its focus. */
async function tabTo(where: Surface, name: string, key: "Tab" | "Shift+Tab" = "Tab"): Promise<Focused[]> {
  const stops: Focused[] = [];
  for (let i = 0; i < 40; i++) {
    const now = await press(where, key);
    stops.push(now);
    if (now.name === name) return stops;
  }
  throw new Error(`Tab never reached "${name}": ${stops.map((s) => s.name).join(" | ")}`);
}

const NO_SYSTEM_FOCUS =
  "a headless Firefox window never has the system's focus: :focus-visible never matches there (so no focus ring can be checked), and Enter or Space on a button is not turned into a click";

export const a11y: Feature = {
  name: "a11y",
  scenarios: [
    scenario(
      "the popup's referral card passes axe, with the share editor and the QR code open",
      async ({ popup }) => {
        await popup.open();
        await noViolations(popup.ui);
        await popup.saveLink(LINK);
        await popup.hasDefaultLink(LINK);
        await popup.ui.click(testId("edit-share-message"));
        await popup.ui.click(testId("toggle-qr"));
        await popup.ui.waitFor(testId("share-template"));
        await noViolations(popup.ui);
        // A refused link shows its reason beside the field.
        await popup.saveLink("http://aliexpress.com/invite");
        await popup.ui.waitFor(testId("link-input-error"));
        await noViolations(popup.ui);
      },
    ),

    scenario(
      "the popup's wallet card passes axe with coupons listed, the add-coupon form open and its errors shown",
      async ({ options, popup }) => {
        await options.importWallet(walletAtNow(loadScenario("basic")));
        await popup.open();
        await popup.showTab("Wallet");
        await popup.ui.waitFor(testId("coupon-face"));
        await noViolations(popup.ui);
        await popup.ui.click(testId("add-coupon"));
        await popup.ui.waitFor(testId("coupon-form"));
        await noViolations(popup.ui);
        await popup.ui.click(testId("save-coupon"));
        await popup.ui.waitFor(css("[aria-invalid=true]"));
        await noViolations(popup.ui);
      },
    ),

    scenario(
      "the popup's paste-coupons list passes axe, with a draft open for editing, a refusal and the undo bar",
      async ({ popup }) => {
        await popup.open();
        await popup.showTab("Wallet");
        await popup.ui.click(role("button", "Paste coupons"));
        await popup.ui.waitFor(testId("paste-text"));
        await noViolations(popup.ui);
        await popup.ui.paste(
          testId("paste-text"),
          "Store coupon · Cable World\nUS $2.00 off on orders over US $15.00\nExpires Dec 31, 2030\n" +
            "US $5.00 off on orders over US $40.00\nUS $3.00 off on orders over 20,00 €",
        );
        await popup.ui.click(role("button", "Read coupons"));
        await popup.ui.waitFor(testId("paste-expiry"));
        await popup.ui.waitFor(testId("paste-refused"));
        await noViolations(popup.ui);
        await popup.ui.fill(testId("paste-expiry"), "2030-12-30T23:59");
        await popup.ui.click(role("button", "Add 2 coupons"));
        await popup.ui.waitFor(testId("undo-import"));
        await noViolations(popup.ui);
      },
    ),

    scenario("the popup's tracker card passes axe with a referral recorded", async ({ popup }) => {
      await popup.open();
      await popup.showTab("Tracker");
      await popup.ui.fill(label("Friend's name"), "Ana");
      await popup.ui.click(testId("add-referral"));
      await eventually(() => popup.ui.count(testId("referral-item")), 1, "the referral");
      await noViolations(popup.ui);
      await popup.ui.click(testId("why-not"));
      await noViolations(popup.ui);
    }),

    scenario("the options page passes axe", async ({ options }) => {
      const page = await options.open();
      await page.setViewport(1000, 900);
      await page.waitFor(testId("program-form"));
      await noViolations(page);
      // With the form's errors showing.
      await page.fill(testId("monthly-cap"), "lots");
      await page.click(testId("save-program"));
      await page.waitFor(testId("monthly-cap-error"));
      await noViolations(page);
    }),

    scenario("the panel passes axe on the demo cart with a split stack", async ({ options, cart }) => {
      const { scenario, wallet } = await seedScenario(options, "basic");
      const result = expectedResult({ scenario, cart: expectedCart(scenario), wallet, maxOrders: 2 });
      strictEqual(result.orders.length, 2);
      await cart.open("basic");
      const panel = await cart.panel();
      await eventually(() => panel.ui.count(testId("stack-order")), 2, "two orders");
      await panel.ui.click(css("details.notes summary"));
      await noViolations(panel.ui);
    }),

    scenario(
      "the panel passes axe on a checkout, with the page's figures, the coupons to pick and Apply's answer",
      async ({ options, checkout }) => {
        await seedScenario(options, "us");
        await checkout.open("us", { host: "www.aliexpress.us" });
        const panel = await checkout.panel();
        await says(panel.ui, testId("page-tax-line"), "Additional charges");
        await panel.ui.click(role("button", "Apply"));
        await eventually(
          () => panel.ui.attr(testId("apply-status"), "data-state"),
          "applied",
          "Apply's outcome",
        );
        await panel.ui.click(css("details.notes summary"));
        await noViolations(panel.ui);
      },
    ),

    scenario(
      "the scan panel passes axe on a product page (coupons to add and to collect) and a coin page",
      async ({ driver }) => {
        const page = driver.tab;
        await page.setViewport(1280, 900);
        await page.goto("https://www.aliexpress.com/item/1005001560047961.html");
        const product = await page.frame("scan.html");
        await eventually(() => product.count(testId("scan-collect-coupon")), 2, "the coupons to collect");
        await noViolations(product);
        await product.click(role("button", "Add 2 coupons to Stackwise"));
        await product.waitFor(testId("scan-notice"));
        await noViolations(product);

        await page.goto("https://www.aliexpress.com/p/coin-pc-index/index.html?via=fetch");
        const coins = await page.frame("scan.html");
        await coins.waitFor(testId("scan-coins-balance"));
        await noViolations(coins);
      },
    ),

    scenario(
      "the popup from the keyboard alone: tabs by arrow keys, copy the link, add a coupon",
      async ({ popup }) => {
        const ui = popup.ui;
        await popup.open();
        // Save a link by typing and Enter. The tabs are drawn before the referral tab's contents
        // arrive from IndexedDB; a Tab pressed before then would leave the page.
        await ui.waitFor(role("textbox", "Referral link or code"));
        await tabTo(ui, "Referral link or code");
        await ui.type(LINK);
        await press(ui, "Enter");
        await popup.hasDefaultLink(LINK);

        // Reopened, the popup puts the focus on its main button; from there back to the top.
        await ui.reload();
        await eventually(() => ui.focused(testId("copy-link")), true, "the focus on the copy button");
        await tabTo(ui, "Settings", "Shift+Tab");
        strictEqual((await press(ui, "Tab")).name, "Referral");
        strictEqual((await press(ui, "ArrowRight")).name, "Wallet");
        await eventually(() => ui.attr(popup.tab("Wallet"), "aria-selected"), "true", "the wallet tab");
        strictEqual((await press(ui, "ArrowRight")).name, "Tracker");
        strictEqual((await press(ui, "Home")).name, "Referral");
        strictEqual((await press(ui, "End")).name, "Tracker");
        strictEqual((await press(ui, "ArrowLeft")).name, "Wallet");
        // Shift+Tab goes back the way it came.
        strictEqual((await press(ui, "Shift+Tab")).name, "Settings");
        strictEqual((await press(ui, "Tab")).name, "Wallet");

        // Add a coupon: Enter opens the form with the focus in it, typing fills it, Enter saves.
        // The tab's contents load from IndexedDB; a Tab pressed before they arrive would leave the page.
        await ui.waitFor(testId("add-coupon"));
        await tabTo(ui, "Add coupon");
        // The button gives way to the form, which then takes the focus: wait for it rather than read it at once.
        await ui.press("Enter");
        await ui.waitFor(testId("coupon-form"));
        await eventually(() => ui.focused(label("Kind", { exact: true })), true, "the focus on Kind");
        strictEqual((await focused(ui))?.name, "Kind");
        await tabTo(ui, "Amount off");
        await ui.type("4.50");
        await tabTo(ui, "Expiry date");
        await ui.type("12312030");
        await tabTo(ui, "Save coupon");
        await ui.press("Enter");
        await eventually(() => ui.texts(testId("coupon-face")), ["$4.50 off"], "the new coupon");
        // The form closed and the focus went back to the button that opened it.
        await eventually(() => ui.focused(testId("add-coupon")), true, "the focus back on Add coupon");

        // Space works on buttons too: back to the referral tab and copy the link.
        await tabTo(ui, "Wallet", "Shift+Tab");
        await press(ui, "ArrowLeft");
        // The tab's contents load again: wait for the button itself (absent is not enabled).
        await eventually(() => ui.disabled(testId("copy-link")), false, "the copy button enabled");
        await tabTo(ui, "Copy referral link");
        await press(ui, " ");
        await says(ui, testId("copy-status"), "Copied");
        strictEqual(await popup.clipboard(), LINK);
      },
      { only: "chromium", because: NO_SYSTEM_FOCUS },
    ),

    scenario(
      "the panel from the keyboard: every control reachable with a visible focus; the new total announced politely",
      async ({ options, cart: shop }) => {
        const { scenario, wallet } = await seedScenario(options, "basic");
        let cart = expectedCart(scenario);
        await shop.open("basic");
        const panel = await shop.panel();
        const ui = panel.ui;
        const before = expectedResult({ scenario, cart, wallet, maxOrders: 2 });
        await panel.shows(before.total);

        const live = testId("panel-announcement");
        strictEqual(await ui.attr(live, "aria-live"), "polite");
        await eventually(
          () => ui.text(live),
          `New total to pay: ${formatMoney(before.total, before.currency, "en-US")}`,
          "the announcement",
        );

        // Every control, in order, from the first one in the panel.
        await ui.evaluate(() => {
          const main = document.querySelector("main") as HTMLElement;
          main.setAttribute("tabindex", "-1");
          main.focus();
        }, undefined);
        const names: string[] = [];
        for (let i = 0; i < 30; i++) {
          const now = await press(ui, "Tab");
          names.push(now.name);
          if (now.name === "About this read") break;
        }
        // The split choice is one stop (its checked radio); the arrows move within it.
        deepStrictEqual(names, [
          "Copy promo code STACK5",
          "I placed this order",
          "I placed this order",
          "Use coins and store points",
          "2 orders",
          "About this read",
        ]);
        await ui.focus(label("2 orders", { exact: true }));
        strictEqual((await press(ui, "ArrowLeft")).name, "1 order");
        await eventually(() => ui.checked(label("1 order", { exact: true })), true, "1 order chosen");
        await eventually(() => ui.count(testId("stack-order")), 1, "one order");
        strictEqual((await press(ui, "ArrowRight")).name, "2 orders");
        await eventually(() => ui.count(testId("stack-order")), 2, "two orders");
        // Space ticks the checkbox, Enter opens the notes.
        const coinsAndPoints = label("Use coins and store points");
        await ui.focus(coinsAndPoints);
        await press(ui, " ");
        await eventually(() => ui.checked(coinsAndPoints), false, "coins and points off");
        await press(ui, " ");
        await eventually(() => ui.checked(coinsAndPoints), true, "coins and points on");
        await ui.focus(css("details.notes summary"));
        await press(ui, "Enter");
        await eventually(() => ui.attr(css("details.notes"), "open"), "", "the notes open");

        // A cart change: the live region's text becomes the new total.
        await shop.toggleLine(0);
        cart = {
          ...cart,
          items: cart.items.map((i) => (i.id === "10000000101" ? { ...i, selected: false } : i)),
        };
        const after = expectedResult({ scenario, cart, wallet, maxOrders: 2 });
        notStrictEqual(after.total, before.total);
        await panel.shows(after.total);
        await eventually(
          () => ui.text(live),
          `New total to pay: ${formatMoney(after.total, after.currency, "en-US")}`,
          "the new total announced",
        );
      },
      { only: "chromium", because: NO_SYSTEM_FOCUS },
    ),
  ],
};
