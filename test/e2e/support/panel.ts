/**
 * Helpers for the panel's end-to-end tests: a wallet seeded through the
 * options page's own "Import wallet" control, the panel's frame (inside a
 * closed shadow root, so found among the page's frames rather than by
 * selector), and the optimizer's answer for the same cart and wallet, computed
 * here in Node.
 */
import type { BrowserContext, Frame, Page } from "@playwright/test";
import { optimize } from "../../../optimizer";
import type { Cart, Result, Wallet } from "../../../optimizer/schema";
import type { Scenario } from "../../fixtures/shop/scenarios";
import { expect } from "./extension";

/**
 * The scenario's wallet moved in time so that, at the real clock the extension
 * uses, every coupon is as far from expiry as at the scenario's `now`.
 */
export function walletAtNow(scenario: Scenario, nowMs = Date.now()): Wallet {
  const shift = nowMs - Date.parse(scenario.now);
  const move = (iso: string) => new Date(Date.parse(iso) + shift).toISOString();
  const w = scenario.wallet;
  return {
    ...w,
    coupons: w.coupons.map((c) => ({
      ...c,
      expiresAt: move(c.expiresAt),
      ...(c.validFrom === undefined ? {} : { validFrom: move(c.validFrom) }),
    })),
    points: w.points.map((p) => ({
      ...p,
      ...(p.expiresAt === undefined ? {} : { expiresAt: move(p.expiresAt) }),
    })),
  };
}

/** Imports a wallet through the options page, as a person would with a file. */
export async function importWallet(
  context: BrowserContext,
  extensionId: string,
  wallet: Wallet,
): Promise<void> {
  const options = await context.newPage();
  try {
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByTestId("import-wallet").setInputFiles({
      name: "wallet.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(wallet)),
    });
    await expect(options.getByTestId("import-result")).toBeVisible();
  } finally {
    await options.close();
  }
}

/** The panel's frame in a shop page. */
export async function panelFrame(page: Page, extensionId: string): Promise<Frame> {
  const prefix = `chrome-extension://${extensionId}/panel.html`;
  await expect
    .poll(() => page.frames().some((f) => f.url().startsWith(prefix)), { timeout: 15_000 })
    .toBe(true);
  const frame = page.frames().find((f) => f.url().startsWith(prefix));
  if (!frame) throw new Error("no panel frame");
  return frame;
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
