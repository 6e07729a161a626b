/**
 * Chromium with the built extension on the demo shop, outside the test
 * runner: what `npm start` (scripts/demo.ts) and the panel benchmark
 * (bench/panel.bench.ts) drive. The shop is served over https on loopback
 * and Chromium maps the marketplace's host names to it, exactly as the
 * end-to-end fixture does (test/e2e/support/extension.ts), so the production
 * build runs unchanged: its manifest lists only the real shop hosts.
 *
 * The wallet is seeded through the extension's own options page ("Import
 * wallet"), never through a back door.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type BrowserContext, chromium, type Frame, type Page } from "@playwright/test";
import type { Wallet } from "../optimizer/schema";
import type { Scenario } from "../test/fixtures/shop/scenarios";
import { CART_PATH, type RunningShop, SHOP_HOSTS, startShop } from "../test/fixtures/shop/server";
import { ensureChromium } from "./chromium";

export const EXTENSION_DIR = resolve(process.env.STACKWISE_EXTENSION_DIR ?? ".output/chrome-mv3");

/** The same flags as the end-to-end fixture: they work for Debian's Chromium in a container. */
const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export interface ShopBrowser {
  context: BrowserContext;
  extensionId: string;
  shop: RunningShop;
  chromiumPath: string;
  headless: boolean;
  /** The cart page of a scenario under a marketplace host name. */
  cartUrl(scenario: string, query?: Record<string, string | number>): string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  headless: boolean;
  /** Viewport of pages; null lets a headed window size itself. */
  viewport?: { width: number; height: number } | null;
  log?: (message: string) => void;
}

export async function launchShopBrowser(options: LaunchOptions): Promise<ShopBrowser> {
  const chromiumPath = ensureChromium({ ...(options.log ? { log: options.log } : {}) });
  const shop = await startShop({ tls: true });
  const userDataDir = mkdtempSync(join(tmpdir(), "stackwise-demo-"));
  const rules = [
    ...SHOP_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${shop.port}`),
    "MAP * ~NOTFOUND",
    "EXCLUDE 127.0.0.1",
  ];
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: options.headless,
      ignoreHTTPSErrors: true,
      viewport: options.viewport === undefined ? { width: 1280, height: 900 } : options.viewport,
      args: [
        ...CHROMIUM_FLAGS,
        `--host-resolver-rules=${rules.join(", ")}`,
        // The demo shop's certificate is self-signed and made at start.
        "--ignore-certificate-errors",
        `--disable-extensions-except=${EXTENSION_DIR}`,
        `--load-extension=${EXTENSION_DIR}`,
      ],
    });
  } catch (error) {
    await shop.close();
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  const worker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker", { timeout: 15_000 }));
  return {
    context,
    extensionId: new URL(worker.url()).host,
    shop,
    chromiumPath,
    headless: options.headless,
    cartUrl: (scenario, query = {}) =>
      `https://www.aliexpress.com${CART_PATH}?${new URLSearchParams({ scenario, ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) })}`,
    close: async () => {
      await context.close().catch(() => undefined);
      await shop.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

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

/** Imports a wallet through the options page's "Import wallet" control, as a person would with a file. */
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
    await options.getByTestId("import-result").waitFor({ timeout: 10_000 });
  } finally {
    await options.close();
  }
}

/** The panel's frame in a shop page (it sits in a closed shadow root, so no selector reaches it). */
export async function panelFrame(page: Page, extensionId: string, timeoutMs = 15_000): Promise<Frame> {
  const prefix = `chrome-extension://${extensionId}/panel.html`;
  const end = Date.now() + timeoutMs;
  for (;;) {
    const frame = page.frames().find((f) => f.url().startsWith(prefix));
    if (frame) return frame;
    if (Date.now() > end) throw new Error("the Stackwise panel did not appear on the page");
    await page.waitForTimeout(50);
  }
}

/**
 * Saves the panel alone, whole: the page is made tall enough for all of the
 * panel's content (it sits at most 400 px down and fills the rest), then the
 * frame's box is cut out, the tab on its edge included. Headless pages only.
 */
export async function screenshotPanel(page: Page, panel: Frame, path: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 1280;
  const height = await panel.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width, height: Math.max(900, height + 412) });
  await page.waitForTimeout(250);
  const box = await (await panel.frameElement()).boundingBox();
  if (!box) throw new Error("the panel has no box on the page");
  await page.screenshot({
    path,
    clip: { x: box.x - 40, y: box.y - 8, width: box.width + 52, height: box.height + 20 },
  });
}
