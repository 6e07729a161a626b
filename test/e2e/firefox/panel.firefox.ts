/**
 * The in-page panel in Debian's Firefox ESR, on the demo shop under the
 * marketplace's host names: the same assertions as in Chromium
 * (test/e2e/panel.e2e.ts, test/e2e/checkout-flow.e2e.ts). Every expected
 * figure comes from running the optimizer here in Node on the same cart and
 * wallet. The cart is read by the MAIN-world content script, which Firefox
 * runs from version 128; "Apply" runs through scripting.executeScript.
 *
 * Build first: `npx wxt build -b firefox --mv3`, then
 * `npx vitest run -c vitest.firefox.config.ts test/e2e/firefox/panel.firefox.ts`.
 * With STACKWISE_SCREENSHOTS=1 the first case also writes docs/firefox-panel.png.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ElementHandle, Frame, Page } from "puppeteer-core";
import { expect, test } from "vitest";
import type { Cart, Result, Wallet } from "../../../optimizer/schema";
import { expectedCart, loadScenario, type Scenario } from "../../fixtures/shop/scenarios";
import { expectedResult, walletAtNow } from "../support/panel";
import {
  attribute,
  byRole,
  centsOf,
  clickInPanel,
  count,
  type FirefoxSession,
  fill,
  openExtensionPage,
  panelFrame,
  type ShopHost,
  testId,
  textOf,
  until,
  useFirefox,
  waitIn,
} from "./support/firefox";

const firefox = useFirefox();
const SCREENSHOTS = process.env.STACKWISE_SCREENSHOTS === "1";

/** Imports a wallet through the options page's "Import wallet" control, as a person would with a file. */
async function importWallet(session: FirefoxSession, wallet: Wallet): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "stackwise-wallet-"));
  const file = join(dir, "wallet.json");
  writeFileSync(file, JSON.stringify(wallet));
  const options = await session.browser.newPage();
  try {
    await openExtensionPage(options, session.extensionUrl("options.html"), testId("import-wallet"));
    const input = (await options.$(testId("import-wallet"))) as ElementHandle<HTMLInputElement> | null;
    if (!input) throw new Error("no Import wallet control");
    await input.uploadFile(file);
    await waitIn(
      options,
      (s: string) => document.querySelector(s) !== null,
      [testId("import-result")],
      "the import",
    );
  } finally {
    await options.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function openCart(page: Page, scenario: string, host: ShopHost = "www.aliexpress.com"): Promise<void> {
  await page.goto(firefox.cartUrl(scenario, { host, delay: 60, opDelay: 40 }));
}

/** Waits until the demo cart page has finished hydrating (its own marker; the extension must not rely on it). */
async function waitForDemoCart(page: Page): Promise<void> {
  await waitIn(
    page,
    () => {
      const stage = document.body.dataset.demoStage;
      return (stage === "2" || stage === "error") && !document.querySelector(".cart-op-loading");
    },
    [],
    "the demo cart",
  );
}

const couponIdsOf = (order: Result["orders"][number]) =>
  [
    ...order.storeCoupons.map((c) => c.couponId),
    ...(order.selectCoupon ? [order.selectCoupon.couponId] : []),
    ...(order.platformCoupon ? [order.platformCoupon.couponId] : []),
  ].sort();

/** Waits until the panel shows exactly this result: total, savings, and each order's total and coupons. */
async function expectStack(frame: Frame, result: Result): Promise<void> {
  await until(() => attribute(frame, testId("stack-total"), "data-cents"), String(result.total));
  expect(await centsOf(frame, testId("stack-savings"))).toBe(result.savings);
  expect(await centsOf(frame, testId("stack-vs-greedy"))).toBe(
    Math.max(0, result.greedyTotal - result.total),
  );
  await until(() => count(frame, testId("stack-order")), result.orders.length);
  const shown = await frame.evaluate((orderSel) => {
    return [...document.querySelectorAll(orderSel)].map((card) => ({
      total: Number(card.querySelector('[data-testid="order-total"]')?.getAttribute("data-cents")),
      coupons: [...card.querySelectorAll("[data-testid=stack-slot][data-coupon-id]")]
        .map((e) => e.getAttribute("data-coupon-id") ?? "")
        .sort(),
    }));
  }, testId("stack-order"));
  expect(shown).toEqual(result.orders.map((o) => ({ total: o.total, coupons: couponIdsOf(o) })));
}

/** The cart after the shopper's changes, as the optimizer takes it. */
const withLines = (
  cart: Cart,
  change: (item: Cart["items"][number]) => Cart["items"][number] | null,
): Cart => {
  const items = cart.items.flatMap((i) => {
    const next = change(i);
    return next ? [next] : [];
  });
  return { ...cart, items, stores: cart.stores.filter((s) => items.some((i) => i.storeId === s.id)) };
};

/** Clicks the n-th element matching `selector` in the shop's page. */
async function clickNth(page: Page, selector: string, n = 0): Promise<void> {
  const all = await page.$$(selector);
  const el = all[n];
  if (!el) throw new Error(`no ${selector} #${n}`);
  await el.click();
}

const CASES: { name: string; host: ShopHost; wallet?: (s: Scenario) => Wallet }[] = [
  { name: "basic", host: "www.aliexpress.com" },
  { name: "worked", host: "www.aliexpress.com" },
  { name: "eur", host: "es.aliexpress.com" },
  { name: "brl", host: "pt.aliexpress.com" },
  // The basic cart with other wallets: nothing at all, then only store coupons and coins.
  { name: "basic", host: "www.aliexpress.com", wallet: () => ({ coupons: [], points: [] }) },
  {
    name: "basic",
    host: "www.aliexpress.com",
    wallet: (s) => {
      const w = walletAtNow(s);
      return { ...w, coupons: w.coupons.filter((c) => c.kind === "store"), points: [] };
    },
  },
];

for (const [n, c] of CASES.entries()) {
  test(`the panel's stack is the optimizer's: ${c.name} cart, wallet ${n}`, async () => {
    const { page } = firefox;
    const scenario = loadScenario(c.name);
    const wallet = c.wallet ? c.wallet(scenario) : walletAtNow(scenario);
    await importWallet(firefox, wallet);
    await openCart(page, c.name, c.host);
    const frame = await panelFrame(page);
    // Two orders at most unless the shopper says otherwise.
    const result = expectedResult({ scenario, cart: expectedCart(scenario), wallet, maxOrders: 2 });
    await expectStack(frame, result);
    expect(await count(frame, testId("cart-status"))).toBe(0);
    // The line prices the panel shows add up to each order's total less its shipping.
    for (const [i, order] of result.orders.entries()) {
      // Long orders show their first lines only until asked.
      const card = (await frame.$$(testId("stack-order")))[i];
      for (const button of (await card?.$$("button")) ?? [])
        if (/items ▾$/.test((await button.evaluate((b) => b.textContent)) ?? ""))
          await clickInPanel(page, button);
      const paid = await frame.evaluate(
        (sel, index) =>
          [
            ...(document.querySelectorAll(sel)[index]?.querySelectorAll('[data-testid="stack-item"]') ?? []),
          ].reduce((t, e) => t + Number(e.getAttribute("data-paid-cents")), 0),
        testId("stack-order"),
        i,
      );
      expect(paid).toBe(order.total - order.shipping);
    }
    if (SCREENSHOTS && n === 0) await page.screenshot({ path: "docs/firefox-panel.png" });
  });
}

test("a cart change updates the panel: unticking, quantities, removing everything", async () => {
  const { page } = firefox;
  const scenario = loadScenario("basic");
  const wallet = walletAtNow(scenario);
  await importWallet(firefox, wallet);
  await openCart(page, "basic");
  const frame = await panelFrame(page);
  let cart = expectedCart(scenario);
  await expectStack(frame, expectedResult({ scenario, cart, wallet, maxOrders: 2 }));

  // Untick the first line.
  await waitForDemoCart(page);
  await clickNth(page, ".cart-product .comet-v2-checkbox", 0);
  cart = withLines(cart, (i) => (i.id === "10000000101" ? { ...i, selected: false } : i));
  await expectStack(frame, expectedResult({ scenario, cart, wallet, maxOrders: 2 }));

  // Type a quantity, as into a React-controlled box.
  await waitForDemoCart(page);
  const quantity = (await page.$$(".cart-product input.comet-v2-input-number-input"))[2];
  if (!quantity) throw new Error("no quantity box");
  await fill(quantity, "5");
  cart = withLines(cart, (i) => (i.id === "10000000103" ? { ...i, quantity: 5 } : i));
  await expectStack(frame, expectedResult({ scenario, cart, wallet, maxOrders: 2 }));

  // Remove every line: the panel says the cart is empty and shows no total.
  for (let left = 5; left > 0; left--) {
    await waitForDemoCart(page);
    await clickNth(page, ".cart-product-remove", 0);
  }
  await until(() => attribute(frame, testId("cart-status"), "data-status"), "empty");
  expect(await count(frame, testId("stack-total"))).toBe(0);
});

test("an unreadable cart shows the status and never a total; an empty one says so", async () => {
  const { page } = firefox;
  await importWallet(firefox, walletAtNow(loadScenario("basic")));
  await openCart(page, "broken");
  const frame = await panelFrame(page);
  await until(() => attribute(frame, testId("cart-status"), "data-status"), "unreadable");
  expect(await textOf(frame, testId("cart-status"))).toContain("cannot read this page's cart");
  expect(await count(frame, testId("stack-total"))).toBe(0);

  await openCart(page, "empty");
  const again = await panelFrame(page);
  await until(() => attribute(again, testId("cart-status"), "data-status"), "empty");
  expect(await count(again, testId("stack-total"))).toBe(0);
});

test("the page's own scripts cannot reach the panel or what it shows", async () => {
  const { page } = firefox;
  await importWallet(firefox, walletAtNow(loadScenario("basic")));
  await openCart(page, "basic");
  const frame = await panelFrame(page);
  await until(() => textOf(frame, testId("promo-code-text")), "STACK5");
  const total = (await textOf(frame, testId("stack-total"))) ?? "--";

  // Everything below runs in the page's own world, as the shop's scripts do.
  const seen = await page.evaluate(async () => {
    const found: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll("*")) {
        if (el.tagName === "IFRAME") found.push(`iframe ${(el as HTMLIFrameElement).src}`);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    const hosts = [...document.documentElement.children].filter((el) => el.tagName === "DIV");
    const frames: string[] = [];
    for (let i = 0; i < window.frames.length; i++) {
      try {
        frames.push(window.frames[i]?.document.body.textContent ?? "");
      } catch (error) {
        frames.push(`blocked: ${(error as Error).name}`);
      }
    }
    let answered = false;
    window.addEventListener("message", () => {
      answered = true;
    });
    for (let i = 0; i < window.frames.length; i++) window.frames[i]?.postMessage({ type: "hello" }, "*");
    await new Promise((r) => setTimeout(r, 300));
    const g = globalThis as {
      browser?: { runtime?: unknown };
      chrome?: { runtime?: { sendMessage?: unknown } };
    };
    return {
      found,
      openShadow: hosts.map((h) => h.shadowRoot !== null),
      frames,
      answered,
      pageText: document.documentElement.textContent ?? "",
      canMessageExtension:
        typeof g.chrome?.runtime?.sendMessage === "function" || g.browser?.runtime !== undefined,
    };
  });
  expect(seen.found).toEqual([]);
  expect(seen.openShadow.every((open) => !open)).toBe(true);
  expect(seen.frames).toEqual([]);
  expect(seen.answered).toBe(false);
  expect(seen.pageText).not.toContain(total);
  expect(seen.pageText).not.toContain("STACK5");
  expect(seen.canMessageExtension).toBe(false);
});

const FLOWS: [string, ShopHost][] = [
  ["basic", "www.aliexpress.com"],
  ["eur", "es.aliexpress.com"],
];

for (const [name, host] of FLOWS) {
  test(`Apply on the ${name} checkout makes the shop's own total equal the panel's`, async () => {
    const { page } = firefox;
    const scenario = loadScenario(name);
    const wallet = walletAtNow(scenario);
    await importWallet(firefox, wallet);
    await openCart(page, name, host);
    const cartPanel = await panelFrame(page);
    await waitIn(
      cartPanel,
      (s: string) => document.querySelector(s) !== null,
      [testId("stack-total")],
      "a stack",
    );
    // No Apply on a cart page: the coupons are chosen at checkout.
    expect(
      await cartPanel.evaluate(() =>
        [...document.querySelectorAll("button")].some((b) => b.textContent === "Apply"),
      ),
    ).toBe(false);

    await waitForDemoCart(page);
    await Promise.all([page.waitForNavigation(), clickNth(page, ".cart-summary-checkout")]);
    expect(page.url()).toMatch(/\/p\/trade\/confirm\.html/);
    const panel = await panelFrame(page);
    const items = expectedCart(scenario).items.filter((i) => i.selected);
    const ticked = { ...expectedCart(scenario), items };
    const cart = { ...ticked, stores: ticked.stores.filter((s) => items.some((i) => i.storeId === s.id)) };
    const result = expectedResult({ scenario, cart, wallet, maxOrders: 1 });
    await until(() => attribute(panel, testId("stack-total"), "data-cents"), String(result.total));
    expect(await centsOf(panel, testId("stack-savings"))).toBe(result.savings);
    // Nothing is chosen at the checkout yet (it only spends coins and points by itself).
    expect(await page.$eval(testId("platform-coupon"), (el) => (el as HTMLSelectElement).value)).toBe("");

    await clickInPanel(page, await byRole(panel, "button", "Apply"));
    await until(
      async () => (await textOf(panel, testId("panel-notice")))?.includes("Filled in") ?? false,
      true,
    );
    await until(() => attribute(page, testId("checkout-total"), "data-cents"), String(result.total));
    expect(await count(page, testId("checkout-error"))).toBe(0);
    expect(await centsOf(page, testId("checkout-total"))).toBe(await centsOf(panel, testId("stack-total")));
  });
}
