/**
 * The cart as the live site serves it, in Debian's Firefox ESR: the same
 * assertions as test/e2e/cart-live.e2e.ts. The US host, a cart whose second
 * page arrives when the shopper scrolls, unavailable lines without itemView,
 * and a page summary that contradicts the lines.
 *
 * Build first: `npx wxt build -b firefox --mv3`, then
 * `npx vitest run -c vitest.firefox.config.ts test/e2e/firefox/cart-live.firefox.ts`.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ElementHandle, Frame, Page } from "puppeteer-core";
import { expect, test } from "vitest";
import type { Wallet } from "../../../optimizer/schema";
import { expectedCart, expectedUnavailable, loadScenario } from "../../fixtures/shop/scenarios";
import { expectedResult, walletAtNow } from "../support/panel";
import {
  attribute,
  count,
  type FirefoxSession,
  openExtensionPage,
  panelFrame,
  testId,
  textOf,
  until,
  useFirefox,
  waitIn,
} from "./support/firefox";

const firefox = useFirefox();

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

const texts = (frame: Frame, selector: string): Promise<string[]> =>
  frame.evaluate(
    (s) => [...document.querySelectorAll(s)].map((e) => (e.textContent ?? "").replace(/\s+/g, " ").trim()),
    selector,
  );

async function waitForDemoCart(page: Page): Promise<void> {
  await waitIn(
    page,
    () => document.body.dataset.demoStage === "2" && !document.querySelector(".cart-op-loading"),
    [],
    "the demo cart",
  );
}

test("on www.aliexpress.us a cart in pages is a part until the shopper scrolls, then the whole", async () => {
  const { page } = firefox;
  const scenario = loadScenario("paged");
  const wallet = walletAtNow(scenario);
  await importWallet(firefox, wallet);
  await page.goto(firefox.cartUrl("paged", { host: "www.aliexpress.us", delay: 60, opDelay: 40 }));
  const frame = await panelFrame(page);

  const part = expectedResult({
    scenario,
    cart: expectedCart(scenario, scenario.pageSize),
    wallet,
    maxOrders: 2,
  });
  await until(() => attribute(frame, testId("stack-total"), "data-cents"), String(part.total));
  expect(await textOf(frame, testId("cart-incomplete"))).toContain("Scroll to the end of your cart");
  expect(await textOf(frame, ".total-label")).toBe("You pay, for the loaded items only");
  expect(await texts(frame, testId("unavailable-line"))).toEqual([
    "Magnetic cable organiser: This item can't be shipped to your address",
  ]);
  expect(await count(frame, testId("page-mismatch"))).toBe(0);

  await waitForDemoCart(page);
  await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
  const whole = expectedResult({ scenario, cart: expectedCart(scenario), wallet, maxOrders: 2 });
  await until(() => attribute(frame, testId("stack-total"), "data-cents"), String(whole.total));
  await until(() => count(frame, testId("cart-incomplete")), 0);
  expect(await attribute(frame, testId("stack-savings"), "data-cents")).toBe(String(whole.savings));
  expect(await textOf(frame, ".total-label")).toBe("You pay");
  expect(await texts(frame, testId("unavailable-line"))).toEqual(
    expectedUnavailable(scenario).map((u) => `${u.title}: ${u.reason}`),
  );
  expect(await count(frame, testId("page-mismatch"))).toBe(0);
});

test("a page summary that contradicts the lines is said in words, with both figures", async () => {
  const { page } = firefox;
  const scenario = loadScenario("basic");
  const wallet = walletAtNow(scenario);
  await importWallet(firefox, wallet);
  await page.goto(firefox.cartUrl("basic", { delay: 60, opDelay: 40, summaryOffset: 500 }));
  const frame = await panelFrame(page);
  const result = expectedResult({ scenario, cart: expectedCart(scenario), wallet, maxOrders: 2 });
  await until(() => attribute(frame, testId("stack-total"), "data-cents"), String(result.total));
  await until(
    () => textOf(frame, testId("page-mismatch")),
    "The page says the ticked items come to US $102.93, but Stackwise counts $97.93 for the same items. Check your cart before trusting either figure.",
  );
});
