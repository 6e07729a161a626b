/**
 * The in-page panel in Debian's Firefox ESR, on the demo shop under the
 * marketplace's host names: the same assertions as in Chromium
 * (test/e2e/panel.e2e.ts, test/e2e/checkout-flow.e2e.ts). Every expected
 * figure comes from running the optimizer here in Node on the same cart and
 * wallet, or from what the checkout page itself shows. The cart and the
 * checkout's responses are read by MAIN-world content scripts, which Firefox
 * runs from version 128; "Apply" runs through scripting.executeScript.
 *
 * Build first: `npx wxt build -b firefox --mv3`, then
 * `npx vitest run -c vitest.firefox.config.ts test/e2e/firefox/panel.firefox.ts`.
 * With STACKWISE_SCREENSHOTS=1 the first case also writes docs/firefox-panel.png.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { JSDOM } from "jsdom";
import type { ElementHandle, Frame, Page } from "puppeteer-core";
import { expect, test } from "vitest";
import type { Cart, Result, Wallet } from "../../../optimizer/schema";
import { summaryFigures } from "../../../src/adapters/aliexpress-checkout";
import { captureCheckoutPage } from "../../../src/adapters/aliexpress-checkout-capture";
import type { CheckoutFigures } from "../../../src/adapters/types";
import { isMessage, Refusal } from "../../../src/ui/message";
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

/** Waits until the demo checkout has loaded and is not waiting for an answer. */
async function waitForCheckout(page: Page): Promise<void> {
  await waitIn(
    page,
    () => document.body.dataset.demoStage === "2" && document.querySelector(".comet-loading") === null,
    [],
    "the demo checkout",
  );
}

/** What the checkout page shows: its total and summary lines, read as the extension's DOM fallback reads them. */
async function pageFigures(page: Page): Promise<CheckoutFigures> {
  await waitForCheckout(page);
  const figures = summaryFigures(captureCheckoutPage(new JSDOM(await page.content()).window.document));
  if (isMessage(figures)) throw new Refusal(figures);
  return figures;
}

const payTouches = (page: Page) =>
  page.$eval("button.place-order-primary-btn", (b) => [
    b.getAttribute("data-clicks"),
    b.getAttribute("data-focus"),
  ]);

/** The panel shows what the page charges, to the cent. */
async function expectPageFigures(page: Page, panel: Frame, stackTotal: number): Promise<CheckoutFigures> {
  const figures = await pageFigures(page);
  await until(() => attribute(panel, testId("page-total"), "data-cents"), String(figures.total));
  expect(await centsOf(panel, testId("page-tax"))).toBe(figures.tax);
  expect(await centsOf(panel, testId("page-compare"))).toBe(figures.total - figures.tax - stackTotal);
  return figures;
}

const FLOWS: [string, ShopHost][] = [
  ["basic", "www.aliexpress.com"],
  ["eur", "es.aliexpress.com"],
];

for (const [name, host] of FLOWS) {
  test(`on the ${name} checkout the panel holds the stack to the page, and following it makes the page's total the stack's`, async () => {
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
    expect(page.url()).toMatch(/\/p\/trade\/confirm\.html\?.*availableProductShopcartIds=/);
    const panel = await panelFrame(page);
    const items = expectedCart(scenario).items.filter((i) => i.selected);
    const ticked = { ...expectedCart(scenario), items };
    const cart = { ...ticked, stores: ticked.stores.filter((s) => items.some((i) => i.storeId === s.id)) };
    const result = expectedResult({ scenario, cart, wallet, maxOrders: 1 });
    const [order] = result.orders;
    if (!order) throw new Error("no order");
    await until(() => attribute(panel, testId("stack-total"), "data-cents"), String(result.total));
    expect(await centsOf(panel, testId("stack-savings"))).toBe(result.savings);
    await expectPageFigures(page, panel, result.total);

    // What the panel says to pick, picked in the page's own lists; then Apply for the promo code.
    for (const c of order.storeCoupons) {
      await waitForCheckout(page);
      await page.select(
        `select.demo-coupon-select[data-kind="store"][data-store-id="${c.storeId}"]`,
        c.couponId,
      );
    }
    if (order.selectCoupon) {
      await waitForCheckout(page);
      await page.select('select.demo-coupon-select[data-kind="select"]', order.selectCoupon.couponId);
    }
    const platform = wallet.coupons.find((c) => c.id === order.platformCoupon?.couponId);
    if (platform?.kind === "platform") {
      await waitForCheckout(page);
      await page.select('select.demo-coupon-select[data-kind="platform"]', platform.id);
    }
    await waitForCheckout(page);
    await clickInPanel(page, await byRole(panel, "button", "Apply"));
    await until(
      () => attribute(panel, testId("apply-status"), "data-state"),
      platform?.kind === "promo" ? "applied" : "nothing-to-apply",
    );
    await waitForCheckout(page);
    const figures = await pageFigures(page);
    expect(figures.total - figures.tax).toBe(result.total);
    await until(() => attribute(panel, testId("page-total"), "data-cents"), String(figures.total));
    expect(await attribute(panel, testId("page-compare"), "data-state")).toBe("same");
    const states = await panel.$$eval(testId("coupon-choice"), (all) =>
      all.map((e) => e.getAttribute("data-state")),
    );
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((st) => st === "matched")).toBe(true);
    expect(await payTouches(page)).toEqual(["0", "0"]);
  });
}

test("a checkout opened directly shows the page's total, its taxes (import tax and ICMS) and the stack; a refused code changes nothing", async () => {
  const { page } = firefox;
  const scenario = loadScenario("brl");
  const base = walletAtNow(scenario);
  const wallet: Wallet = {
    ...base,
    coupons: [
      ...base.coupons,
      {
        id: "CODE-GONE",
        kind: "promo",
        code: "GONE300",
        off: 30000,
        minSpend: 0,
        expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        status: "active",
      },
    ],
  };
  await importWallet(firefox, wallet);
  await page.goto(firefox.checkoutUrl("brl", { host: "pt.aliexpress.com" }));
  const panel = await panelFrame(page);
  await waitIn(
    panel,
    (s: string) => document.querySelector(s) !== null,
    [testId("page-total")],
    "the page's total",
  );
  const figures = await pageFigures(page);
  expect(figures.lines.filter((l) => l.kind === "tax").map((l) => l.title)).toEqual(["Import tax", "ICMS"]);
  await until(() => attribute(panel, testId("page-total"), "data-cents"), String(figures.total));
  expect(await centsOf(panel, testId("page-tax"))).toBe(figures.tax);
  expect(await count(panel, testId("page-tax-line"))).toBe(2);
  expect(await count(panel, testId("stack-total"))).toBe(1);

  await clickInPanel(page, await byRole(panel, "button", "Apply"));
  await until(() => attribute(panel, testId("apply-status"), "data-state"), "refused");
  expect(await textOf(panel, testId("apply-status"))).toContain(
    "This code is invalid. Please check and try again.",
  );
  expect((await pageFigures(page)).total).toBe(figures.total);
  expect(await payTouches(page)).toEqual(["0", "0"]);
});
