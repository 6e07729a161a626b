/**
 * Helpers for the panel's end-to-end tests: the wallet seeding, time shift
 * and panel lookup shared with the demo and the benchmark
 * (scripts/shop-browser.ts), and the optimizer's answer for the same cart and
 * wallet, computed here in Node.
 */
import type { BrowserContext, Frame, Page } from "@playwright/test";
import { optimize } from "../../../optimizer";
import type { Cart, Result, Wallet } from "../../../optimizer/schema";
import { panelFrame as findPanel, importWallet, walletAtNow } from "../../../scripts/shop-browser";
import { loadScenario, type Scenario } from "../../fixtures/shop/scenarios";

export { importWallet, screenshotPanel, walletAtNow } from "../../../scripts/shop-browser";

/** Loads a demo scenario and imports its wallet, dated from now, into the extension. */
export async function seedScenario(
  context: BrowserContext,
  extensionId: string,
  name: string,
): Promise<{ scenario: Scenario; wallet: Wallet }> {
  const scenario = loadScenario(name);
  const wallet = walletAtNow(scenario);
  await importWallet(context, extensionId, wallet);
  return { scenario, wallet };
}

/** The panel's frame in a shop page. */
export const panelFrame = (page: Page, extensionId: string): Promise<Frame> => findPanel(page, extensionId);

/** The scan panel's frame on a coupon, product or coin page. */
export async function scanFrame(page: Page, extensionId: string, timeoutMs = 15_000): Promise<Frame> {
  const prefix = `chrome-extension://${extensionId}/scan.html`;
  const end = Date.now() + timeoutMs;
  for (;;) {
    const frame = page.frames().find((f) => f.url().startsWith(prefix));
    if (frame) return frame;
    if (Date.now() > end) throw new Error("the Stackwise scan panel did not appear on the page");
    await page.waitForTimeout(50);
  }
}

export const centsOf = async (frame: Frame | Page, testId: string): Promise<number> =>
  Number(await frame.getByTestId(testId).getAttribute("data-cents"));

export interface Expectation {
  scenario: Scenario;
  cart: Cart;
  wallet: Wallet;
  maxOrders: number;
  useCoinsAndPoints?: boolean;
}

/** The optimizer's result in Node for the same cart, wallet and preferences as the extension has. */
export function expectedResult({
  scenario,
  cart,
  wallet,
  maxOrders,
  useCoinsAndPoints = true,
}: Expectation): Result {
  return optimize({
    now: new Date().toISOString(),
    cart,
    wallet,
    ...(scenario.rules ? { rules: scenario.rules } : {}),
    options: { maxOrders, useCoins: useCoinsAndPoints, usePoints: useCoinsAndPoints },
  });
}
