/**
 * The in-page panel over the demo shop's cart, under the marketplace's host
 * names. Every expected figure comes from running the optimizer here in
 * Node on the same cart and wallet. With STACKWISE_SCREENSHOTS=1 the first
 * case also writes docs/panel.png (docs/firefox-panel.png in Firefox).
 */
import { deepStrictEqual, notStrictEqual, ok, strictEqual } from "node:assert/strict";
import type { Cart, Wallet } from "../../../optimizer/schema";
import { expectedCart, loadScenario, type Scenario as ShopScenario } from "../../fixtures/shop/scenarios";
import { eventually, label, type ShopHost, testId } from "../driver/driver";
import { panelFrame, screenshotPanel } from "../support/panel";
import { expectedResult, seedScenario, walletAtNow } from "./expect";
import { chromiumOf } from "./native";
import { type Feature, type Pages, SCREENSHOTS, scenario } from "./scenario";

/** The cart after the shopper's changes, as the optimizer takes it. */
export const withLines = (
  cart: Cart,
  change: (item: Cart["items"][number]) => Cart["items"][number] | null,
): Cart => {
  const items = cart.items.flatMap((i) => {
    const next = change(i);
    return next ? [next] : [];
  });
  return { ...cart, items, stores: cart.stores.filter((s) => items.some((i) => i.storeId === s.id)) };
};

/** The first line ticked or not, as the panel must then take the cart. */
const firstLine = (cart: Cart, selected: boolean) =>
  withLines(cart, (i) => (i.id === "10000000101" ? { ...i, selected } : i));

/** The basic cart open with its panel showing the expected stack; `shows(cart)` waits for a changed cart's stack. */
async function openBasicCart({ options, cart }: Pages) {
  const { scenario, wallet } = await seedScenario(options, "basic");
  await cart.open("basic");
  const panel = await cart.panel();
  const shows = (c: Cart) => panel.showsStack(expectedResult({ scenario, cart: c, wallet, maxOrders: 2 }));
  const lines = expectedCart(scenario);
  await shows(lines);
  return { scenario, wallet, panel, lines, shows };
}

const CASES: { name: string; host: ShopHost; wallet?: (s: ShopScenario) => Wallet }[] = [
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

/** Stops the extension's service worker as Chrome does when it is idle. */
async function stopWorker(pages: Pages): Promise<void> {
  const { context, extensionId } = chromiumOf(pages.driver);
  const extensionPage = await context.newPage();
  await extensionPage.goto(`chrome-extension://${extensionId}/options.html`);
  const cdp = await context.newCDPSession(extensionPage);
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.stopAllWorkers");
  // Closed in the background: the caller may act at once, while the page's line is still down.
  void extensionPage.close();
}

const WORKER_ONLY = {
  only: "chromium",
  because:
    "it stops Chrome's MV3 service worker over the DevTools protocol; Firefox's MV3 background is an event page, which puppeteer cannot stop",
} as const;

export const panel: Feature = {
  name: "panel",
  scenarios: [
    ...CASES.map((c, n) =>
      scenario(`the panel's stack is the optimizer's: ${c.name} cart, wallet ${n}`, async (pages) => {
        const { options, cart } = pages;
        const scenario = loadScenario(c.name);
        const wallet = c.wallet ? c.wallet(scenario) : walletAtNow(scenario);
        await options.importWallet(wallet);
        await cart.open(c.name, { host: c.host });
        const panel = await cart.panel();
        // Two orders at most unless the shopper says otherwise.
        const result = expectedResult({ scenario, cart: expectedCart(scenario), wallet, maxOrders: 2 });
        await panel.showsStack(result);
        strictEqual(await panel.ui.count(testId("cart-status")), 0);
        // The line prices the panel shows add up to each order's total less its shipping.
        for (const [i, order] of result.orders.entries())
          strictEqual(await panel.paidInOrder(i), order.total - order.shipping, `order ${i}'s lines`);
        if (SCREENSHOTS && n === 0) {
          if (pages.browser === "chromium") {
            const { page, extensionId } = chromiumOf(pages.driver);
            await screenshotPanel(page, await panelFrame(page, extensionId), "docs/panel.png");
          } else await pages.screenshot(cart.ui, "panel");
        }
      }),
    ),

    scenario("a cart change updates the panel: unticking, quantities, removing everything", async (pages) => {
      const { cart } = pages;
      const basic = await openBasicCart(pages);
      // Untick the first line.
      await cart.toggleLine(0);
      let lines = firstLine(basic.lines, false);
      await basic.shows(lines);

      // Type a quantity, as into a React-controlled box.
      await cart.setQuantity(2, 5);
      lines = withLines(lines, (i) => (i.id === "10000000103" ? { ...i, quantity: 5 } : i));
      await basic.shows(lines);

      // Remove every line: the panel says the cart is empty and shows no total.
      for (let left = 5; left > 0; left--) await cart.removeFirstLine();
      await basic.panel.hasStatus("empty");
      strictEqual(await basic.panel.hasTotal(), false);
    }),

    scenario("an unreadable cart shows the status and never a total; an empty one says so", async (pages) => {
      const { options, cart } = pages;
      await options.importWallet(walletAtNow(loadScenario("basic")));
      await cart.open("broken");
      const panel = await cart.panel();
      await panel.hasStatus("unreadable");
      ok((await panel.ui.text(testId("cart-status")))?.includes("cannot read this page's cart"));
      strictEqual(await panel.hasTotal(), false);
      await pages.screenshot(cart.ui, "panel-unreadable");

      await cart.open("empty");
      const again = await cart.panel();
      await again.hasStatus("empty");
      strictEqual(await again.hasTotal(), false);
    }),

    scenario("while the page hydrates the panel says it is reading, then shows the stack", async (pages) => {
      const { options, cart } = pages;
      const { scenario, wallet } = await seedScenario(options, "worked");
      await cart.open("worked", { delay: 1500 });
      const panel = await cart.panel();
      await panel.hasStatus(/connecting|loading/);
      strictEqual(await panel.hasTotal(), false);
      const result = expectedResult({ scenario, cart: expectedCart(scenario), wallet, maxOrders: 2 });
      await panel.shows(result.total, 15_000);
    }),

    scenario("preferences apply at once and are kept", async (pages) => {
      const { cart } = pages;
      const { scenario, wallet, panel, lines } = await openBasicCart(pages);

      await panel.ui.uncheck(label("Use coins and store points"));
      await panel.showsStack(
        expectedResult({ scenario, cart: lines, wallet, maxOrders: 2, useCoinsAndPoints: false }),
      );
      await panel.ui.check(label("1 order", { exact: true }));
      const oneOrder = expectedResult({
        scenario,
        cart: lines,
        wallet,
        maxOrders: 1,
        useCoinsAndPoints: false,
      });
      await panel.showsStack(oneOrder);

      await cart.ui.reload();
      const after = await cart.panel();
      await after.showsStack(oneOrder);
      strictEqual(await after.ui.checked(label("Use coins and store points")), false);
      strictEqual(await after.ui.checked(testId("pref-max-orders-1")), true);
    }),

    scenario("a 200-line cart: the panel's total is the optimizer's", async (pages) => {
      const { options, cart } = pages;
      const { scenario, wallet } = await seedScenario(options, "large200");
      await cart.open("large200");
      const panel = await cart.panel();
      // Past eight items a split is a best-found answer within a time budget; one order is exact.
      await panel.ui.check(label("1 order", { exact: true }));
      await panel.showsStack(
        expectedResult({ scenario, cart: expectedCart(scenario), wallet, maxOrders: 1 }),
      );
    }),

    scenario("the page's own scripts cannot reach the panel or what it shows", async (pages) => {
      const { options, cart } = pages;
      await options.importWallet(walletAtNow(loadScenario("basic")));
      await cart.open("basic");
      const panel = await cart.panel();
      await eventually(() => panel.ui.text(testId("promo-code-text")), "STACK5", "the promo code");
      const total = (await panel.ui.text(testId("stack-total"))) ?? "--";

      // Everything below runs in the page's own world, as the shop's scripts do.
      const seen = await cart.ui.evaluate(async () => {
        const found: string[] = [];
        // Elements the page can reach, including open shadow roots.
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
        // A message to the panel gets no answer.
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
      }, undefined);
      deepStrictEqual(seen.found, []);
      ok(
        seen.openShadow.every((open) => !open),
        "an open shadow root",
      );
      // A frame inside a closed shadow root is not even among the page's window.frames.
      deepStrictEqual(seen.frames, []);
      strictEqual(seen.answered, false);
      ok(!seen.pageText.includes(total), "the page can read the total");
      ok(!seen.pageText.includes("STACK5"), "the page can read the promo code");
      strictEqual(seen.canMessageExtension, false);
    }),

    scenario("the panel passes axe", async (pages) => {
      const { panel } = await openBasicCart(pages);
      deepStrictEqual(await panel.axeViolations(), []);
    }),

    scenario(
      "the panel works from the keyboard, with a visible focus",
      async (pages) => {
        const { scenario, wallet, panel, lines } = await openBasicCart(pages);

        // The split choice is a radio group: arrow keys move it, and the stack follows at once.
        await panel.ui.focus(label("2 orders", { exact: true }));
        await panel.ui.press("ArrowLeft");
        await eventually(() => panel.ui.checked(label("1 order", { exact: true })), true, "1 order chosen");
        await panel.showsStack(expectedResult({ scenario, cart: lines, wallet, maxOrders: 1 }));

        // Tab reaches the buttons, and the focused one shows it.
        await panel.ui.focus(testId("copy-code"));
        await panel.ui.press("Tab");
        const focused = await panel.ui.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const style = getComputedStyle(el);
          return { text: el.textContent, outline: style.outlineStyle, width: style.outlineWidth };
        }, undefined);
        strictEqual(focused.text, "I placed this order");
        notStrictEqual(focused.outline, "none");
        strictEqual(focused.width, "3px");
      },
      {
        only: "chromium",
        because:
          "a headless Firefox window never has the system's focus: keys pressed over BiDi do not reach the panel's frame, and :focus-visible never matches",
      },
    ),

    scenario(
      "the panel recovers when the browser stops the background's worker, as MV3 does when idle",
      async (pages) => {
        const { lines, shows } = await openBasicCart(pages);
        const { context } = chromiumOf(pages.driver);
        // A mark in the running worker; a restarted worker will not have it.
        const marked = () => (globalThis as { stackwiseTestMark?: boolean }).stackwiseTestMark === true;
        await context.serviceWorkers()[0]?.evaluate(() => {
          (globalThis as { stackwiseTestMark?: boolean }).stackwiseTestMark = true;
        });
        await stopWorker(pages);

        await pages.cart.toggleLine(0);
        await shows(firstLine(lines, false));
        const workers = context.serviceWorkers();
        ok(workers.length > 0, "no worker");
        for (const worker of workers) strictEqual(await worker.evaluate(marked), false);
      },
      WORKER_ONLY,
    ),

    scenario(
      "a cart change while the worker is down reaches the panel: the page keeps one line to the background",
      async (pages) => {
        const { lines, shows } = await openBasicCart(pages);
        // The change lands while the page's line is down, before its timed reconnection: the read
        // reconnects at once, and the timed retry must not open a second line for the same page.
        await stopWorker(pages);
        await pages.cart.toggleLine(0);
        const unticked = firstLine(lines, false);
        await shows(unticked);
        // And a later change still gets through the one line.
        await pages.cart.toggleLine(0);
        await shows(firstLine(unticked, true));
      },
      WORKER_ONLY,
    ),
  ],
};
