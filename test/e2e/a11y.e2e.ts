/**
 * Accessibility of every screen Stackwise shows, in Debian's Chromium on the
 * production build: axe-core finds no violations on each popup card (with
 * the add-coupon form open and with its errors showing), the options page and
 * the panel with a split stack; the popup's main flows and the panel's
 * controls work from the keyboard alone with a visible focus; and the panel's
 * polite live region says the new total when the cart changes.
 *
 * Build first: `npx wxt build && npx playwright test test/e2e/a11y.e2e.ts`.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Frame, Page } from "@playwright/test";
import { formatMoney } from "../../src/core/money";
import { expectedCart, loadScenario } from "../fixtures/shop/scenarios";
import { expect, test, waitForDemoCart } from "./support/extension";
import {
  expectedResult,
  importWallet,
  panelFrame,
  scanFrame,
  seedScenario,
  walletAtNow,
} from "./support/panel";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const LINK = "https://s.click.aliexpress.com/e/_DkReF42";

interface Violation {
  id: string;
  impact: string | null;
  targets: string[];
}

/**
 * axe-core's violations on the page or frame as it is now. The source is
 * evaluated over the DevTools protocol: Stackwise's pages allow only their own
 * scripts, so `addScriptTag` (an inline script) is refused, as it should be.
 */
async function axeViolations(target: Page | Frame): Promise<string[]> {
  await target.evaluate(AXE);
  const violations = await target.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(): Promise<{
            violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
  });
  return violations.map((v: Violation) => `${v.impact}: ${v.id} at ${v.targets.join(", ")}`);
}

interface Focused {
  /** Accessible name as a person would identify the control: its label, else its text. */
  name: string;
  role: string;
  /** A focus ring is drawn (outline or box-shadow), on the control or on the element drawn for it. */
  visible: boolean;
}

/** The focused control and whether its focus can be seen. */
async function focused(target: Page | Frame): Promise<Focused | null> {
  return target.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (el === null || el === document.body) return null;
    const drawn = (node: Element | null) => {
      if (node === null) return false;
      const s = getComputedStyle(node);
      const outline = s.outlineStyle !== "none" && Number.parseFloat(s.outlineWidth) >= 2;
      return outline || (s.boxShadow !== "none" && s.boxShadow !== "");
    };
    // A visually hidden input shows its focus on the element drawn for it (the panel's segments, the file picker).
    const standIn = el.matches("input") ? (el.nextElementSibling ?? el.closest("label")) : null;
    const labelled =
      el.getAttribute("aria-label") ??
      (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null);
    const label = el.closest("label")?.textContent ?? null;
    return {
      name: (labelled ?? label ?? el.textContent ?? "").replace(/\s+/g, " ").trim(),
      role: el.getAttribute("role") ?? el.tagName.toLowerCase(),
      // Rings are drawn only by the :focus-visible and :focus-within rules, so a drawn ring is a shown focus.
      visible: drawn(el) || drawn(standIn),
    };
  });
}

async function press(page: Page, key: string, target: Page | Frame = page): Promise<Focused> {
  await page.keyboard.press(key);
  const now = await focused(target);
  if (now === null) throw new Error(`${key} left the focus nowhere`);
  expect(now.visible, `focus on "${now.name}" (${now.role}) is not visible`).toBe(true);
  return now;
}

/** Tabs (forward, or back with Shift+Tab) until a control named `name` has the focus, checking each stop shows its focus. */
async function tabTo(
  page: Page,
  name: string | RegExp,
  target: Page | Frame = page,
  key: "Tab" | "Shift+Tab" = "Tab",
): Promise<Focused[]> {
  const stops: Focused[] = [];
  for (let i = 0; i < 40; i++) {
    const now = await press(page, key, target);
    stops.push(now);
    if (typeof name === "string" ? now.name === name : name.test(now.name)) return stops;
  }
  throw new Error(`Tab never reached "${name}": ${stops.map((s) => s.name).join(" | ")}`);
}

async function openPopup(page: Page, extensionId: string): Promise<void> {
  await page.setViewportSize({ width: 380, height: 600 });
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(page.getByRole("tab", { name: "Referral" })).toBeVisible();
}

test("the popup's referral card passes axe, with the share editor and the QR code open", async ({
  page,
  extensionId,
}) => {
  await openPopup(page, extensionId);
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel("Referral link or code").fill(LINK);
  await page.getByRole("button", { name: "Save link" }).click();
  await expect(page.getByTestId("default-link")).toHaveText(LINK);
  await page.getByTestId("edit-share-message").click();
  await page.getByTestId("toggle-qr").click();
  await expect(page.getByTestId("share-template")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  // A refused link shows its reason beside the field.
  await page.getByLabel("Referral link or code").fill("http://aliexpress.com/invite");
  await page.getByRole("button", { name: "Save link" }).click();
  await expect(page.getByTestId("link-input-error")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test("the popup's wallet card passes axe with coupons listed, the add-coupon form open and its errors shown", async ({
  context,
  page,
  extensionId,
}) => {
  await importWallet(context, extensionId, walletAtNow(loadScenario("basic")));
  await openPopup(page, extensionId);
  await page.getByRole("tab", { name: "Wallet" }).click();
  await expect(page.getByTestId("coupon-face").first()).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByTestId("add-coupon").click();
  await expect(page.getByTestId("coupon-form")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByTestId("save-coupon").click();
  await expect(page.locator("[aria-invalid=true]").first()).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test("the popup's paste-coupons list passes axe, with a draft open for editing, a refusal and the undo bar", async ({
  page,
  extensionId,
}) => {
  await openPopup(page, extensionId);
  await page.getByRole("tab", { name: "Wallet" }).click();
  await page.getByRole("button", { name: "Paste coupons" }).click();
  await expect(page.getByTestId("paste-text")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page
    .getByTestId("paste-text")
    .fill(
      "Store coupon · Cable World\nUS $2.00 off on orders over US $15.00\nExpires Dec 31, 2030\n" +
        "US $5.00 off on orders over US $40.00\nUS $3.00 off on orders over 20,00 €",
    );
  await page.getByRole("button", { name: "Read coupons" }).click();
  await expect(page.getByTestId("paste-expiry")).toBeVisible();
  await expect(page.getByTestId("paste-refused")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByTestId("paste-expiry").fill("2030-12-30T23:59");
  await page.getByRole("button", { name: "Add 2 coupons" }).click();
  await expect(page.getByTestId("undo-import")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test("the popup's tracker card passes axe with a referral recorded", async ({ page, extensionId }) => {
  await openPopup(page, extensionId);
  await page.getByRole("tab", { name: "Tracker" }).click();
  await page.getByLabel("Friend's name").fill("Ana");
  await page.getByTestId("add-referral").click();
  await expect(page.getByTestId("referral-item")).toHaveCount(1);
  expect(await axeViolations(page)).toEqual([]);
  await page.getByTestId("why-not").click();
  expect(await axeViolations(page)).toEqual([]);
});

test("the options page passes axe", async ({ page, extensionId }) => {
  await page.setViewportSize({ width: 1000, height: 900 });
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByTestId("program-form")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  // With the form's errors showing.
  await page.getByTestId("monthly-cap").fill("lots");
  await page.getByTestId("save-program").click();
  await expect(page.getByTestId("monthly-cap-error")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test("the panel passes axe on the demo cart with a split stack", async ({
  context,
  page,
  shop,
  extensionId,
}) => {
  const { scenario, wallet } = await seedScenario(context, extensionId, "basic");
  const result = expectedResult({ scenario, cart: expectedCart(scenario), wallet, maxOrders: 2 });
  expect(result.orders.length).toBe(2);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(shop.cartUrl("basic", { delay: 60, opDelay: 40 }));
  const frame = await panelFrame(page, extensionId);
  await expect(frame.getByTestId("stack-order")).toHaveCount(2);
  await frame.locator("details.notes summary").click();
  expect(await axeViolations(frame)).toEqual([]);
});

test("the panel passes axe on a checkout, with the page's figures, the coupons to pick and Apply's answer", async ({
  context,
  page,
  shop,
  extensionId,
}) => {
  await seedScenario(context, extensionId, "us");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(shop.checkoutUrl("us", { host: "www.aliexpress.us" }));
  const frame = await panelFrame(page, extensionId);
  await expect(frame.getByTestId("page-tax-line")).toContainText("Additional charges");
  await frame.getByRole("button", { name: "Apply" }).click();
  await expect(frame.getByTestId("apply-status")).toHaveAttribute("data-state", "applied");
  await frame.locator("details.notes summary").click();
  expect(await axeViolations(frame)).toEqual([]);
});

test("the scan panel passes axe on a product page (coupons to add and to collect) and a coin page", async ({
  page,
  extensionId,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("https://www.aliexpress.com/item/1005001560047961.html");
  const product = await scanFrame(page, extensionId);
  await expect(product.getByTestId("scan-collect-coupon")).toHaveCount(2);
  expect(await axeViolations(product)).toEqual([]);
  await product.getByRole("button", { name: "Add 2 coupons to Stackwise" }).click();
  await expect(product.getByTestId("scan-notice")).toBeVisible();
  expect(await axeViolations(product)).toEqual([]);

  await page.goto("https://www.aliexpress.com/p/coin-pc-index/index.html?via=fetch");
  const coins = await scanFrame(page, extensionId);
  await expect(coins.getByTestId("scan-coins-balance")).toBeVisible();
  expect(await axeViolations(coins)).toEqual([]);
});

test("the popup from the keyboard alone: tabs by arrow keys, copy the link, add a coupon", async ({
  page,
  extensionId,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openPopup(page, extensionId);
  // Save a link by typing and Enter.
  await tabTo(page, "Referral link or code");
  await page.keyboard.type(LINK);
  await press(page, "Enter");
  await expect(page.getByTestId("default-link")).toHaveText(LINK);

  // Reopened, the popup puts the focus on its main button; from there back to the top.
  await page.reload();
  await expect(page.getByTestId("copy-link")).toBeFocused();
  await tabTo(page, "Settings", page, "Shift+Tab");
  expect((await press(page, "Tab")).name).toBe("Referral");
  expect((await press(page, "ArrowRight")).name).toBe("Wallet");
  await expect(page.getByRole("tab", { name: "Wallet" })).toHaveAttribute("aria-selected", "true");
  expect((await press(page, "ArrowRight")).name).toBe("Tracker");
  expect((await press(page, "Home")).name).toBe("Referral");
  expect((await press(page, "End")).name).toBe("Tracker");
  expect((await press(page, "ArrowLeft")).name).toBe("Wallet");
  // Shift+Tab goes back the way it came.
  expect((await press(page, "Shift+Tab")).name).toBe("Settings");
  expect((await press(page, "Tab")).name).toBe("Wallet");

  // Add a coupon: Enter opens the form with the focus in it, typing fills it, Enter saves.
  // The tab's contents load from IndexedDB; a Tab pressed before they arrive would leave the page.
  await expect(page.getByTestId("add-coupon")).toBeVisible();
  await tabTo(page, "Add coupon");
  // The button gives way to the form, which then takes the focus: wait for it rather than read it at once.
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("coupon-form")).toBeVisible();
  await expect(page.getByLabel("Kind")).toBeFocused();
  expect((await focused(page))?.name).toBe("Kind");
  await tabTo(page, "Amount off");
  await page.keyboard.type("4.50");
  await tabTo(page, "Expiry date");
  await page.keyboard.type("12312030");
  await tabTo(page, "Save coupon");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("coupon-face")).toHaveText(["$4.50 off"]);
  // The form closed and the focus went back to the button that opened it.
  await expect(page.getByTestId("add-coupon")).toBeFocused();

  // Space works on buttons too: back to the referral tab and copy the link.
  await tabTo(page, "Wallet", page, "Shift+Tab");
  await press(page, "ArrowLeft");
  await expect(page.getByTestId("copy-link")).toBeEnabled();
  await tabTo(page, "Copy referral link");
  await press(page, " ");
  await expect(page.getByTestId("copy-status")).toContainText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(LINK);
});

test("the panel from the keyboard: every control reachable with a visible focus; the new total announced politely", async ({
  context,
  page,
  shop,
  extensionId,
}) => {
  const { scenario, wallet } = await seedScenario(context, extensionId, "basic");
  let cart = expectedCart(scenario);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(shop.cartUrl("basic", { delay: 60, opDelay: 40 }));
  const frame = await panelFrame(page, extensionId);
  const before = expectedResult({ scenario, cart, wallet, maxOrders: 2 });
  await expect(frame.getByTestId("stack-total")).toHaveAttribute("data-cents", String(before.total));

  const live = frame.getByTestId("panel-announcement");
  await expect(live).toHaveAttribute("aria-live", "polite");
  await expect(live).toHaveText(`New total to pay: ${formatMoney(before.total, before.currency, "en-US")}`);

  // Every control, in order, from the first one in the panel.
  await frame.locator("main").evaluate((main) => {
    main.setAttribute("tabindex", "-1");
    main.focus();
  });
  const names: string[] = [];
  for (let i = 0; i < 30; i++) {
    const now = await press(page, "Tab", frame);
    names.push(now.name);
    if (now.name === "About this read") break;
  }
  // The split choice is one stop (its checked radio); the arrows move within it.
  expect(names).toEqual([
    "Copy promo code STACK5",
    "I placed this order",
    "I placed this order",
    "Use coins and store points",
    "2 orders",
    "About this read",
  ]);
  await frame.getByLabel("2 orders", { exact: true }).focus();
  expect((await press(page, "ArrowLeft", frame)).name).toBe("1 order");
  await expect(frame.getByLabel("1 order", { exact: true })).toBeChecked();
  await expect(frame.getByTestId("stack-order")).toHaveCount(1);
  expect((await press(page, "ArrowRight", frame)).name).toBe("2 orders");
  await expect(frame.getByTestId("stack-order")).toHaveCount(2);
  // Space ticks the checkbox, Enter opens the notes.
  await frame.getByLabel("Use coins and store points").focus();
  await press(page, " ", frame);
  await expect(frame.getByLabel("Use coins and store points")).not.toBeChecked();
  await press(page, " ", frame);
  await expect(frame.getByLabel("Use coins and store points")).toBeChecked();
  await frame.locator("details.notes summary").focus();
  await press(page, "Enter", frame);
  await expect(frame.locator("details.notes")).toHaveAttribute("open", "");

  // A cart change: the live region's text becomes the new total.
  await waitForDemoCart(page);
  await page.locator(".cart-product .comet-v2-checkbox").first().click();
  cart = { ...cart, items: cart.items.map((i) => (i.id === "10000000101" ? { ...i, selected: false } : i)) };
  const after = expectedResult({ scenario, cart, wallet, maxOrders: 2 });
  expect(after.total).not.toBe(before.total);
  await expect(frame.getByTestId("stack-total")).toHaveAttribute("data-cents", String(after.total));
  await expect(live).toHaveText(`New total to pay: ${formatMoney(after.total, after.currency, "en-US")}`);
});
