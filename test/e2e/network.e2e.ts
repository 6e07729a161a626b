/**
 * The no-network guard that every Chromium end-to-end test runs under
 * (support/network.ts, hooked into support/extension.ts), shown to work: in
 * a browser of its own, each extension context tries to reach the network.
 * Fetches are stopped by the extension's content security policy before any
 * request starts; what the policy cannot stop (a page navigating itself, a
 * tab opened by the worker, a request with a shop page's origin, which is
 * how a content script's request looks) reaches the network service and the
 * guard names it with the origin that asked.
 *
 * Build first: `npx wxt build && npx playwright test test/e2e/network.e2e.ts`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "@playwright/test";
import type { browser } from "wxt/browser";
import { SHOP_HOSTS } from "../fixtures/shop/server";
import { CHROMIUM_FLAGS, EXTENSION_DIR, expect, hostResolverRules, test } from "./support/extension";
import { leavingRequestsIn, netLogArgs, type StartedRequest } from "./support/network";
import { panelFrame, scanFrame } from "./support/panel";

type Chrome = typeof browser;

/** Runs `attempts` in a guarded Chromium of its own and returns what the guard caught once it closed. */
async function guarded(
  chromiumPath: string,
  shopPort: number,
  attempts: (context: BrowserContext, extensionId: string) => Promise<void>,
): Promise<StartedRequest[]> {
  const userDataDir = mkdtempSync(join(tmpdir(), "stackwise-guard-"));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      ignoreHTTPSErrors: true,
      args: [
        ...CHROMIUM_FLAGS,
        `--host-resolver-rules=${hostResolverRules(shopPort)}`,
        "--ignore-certificate-errors",
        ...netLogArgs(userDataDir),
        `--disable-extensions-except=${EXTENSION_DIR}`,
        `--load-extension=${EXTENSION_DIR}`,
      ],
    });
    try {
      const worker =
        context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker", { timeout: 15_000 }));
      await attempts(context, new URL(worker.url()).host);
    } finally {
      await context.close();
    }
    return leavingRequestsIn(userDataDir, SHOP_HOSTS);
  } finally {
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

const FETCH = (url: string) =>
  fetch(url).then(
    () => "answered",
    (error: unknown) => String(error),
  );

test("the guard names every request that leaves an extension context; the CSP stops fetches before they start", async ({
  chromiumPath,
  shopServer,
  shop,
}) => {
  const refused: Record<string, string> = {};
  const jitlessIn: Record<string, boolean | undefined> = {};
  const caught = await guarded(chromiumPath, shopServer.port, async (context, extensionId) => {
    const worker = context.serviceWorkers()[0];
    if (!worker) throw new Error("no service worker");
    refused.worker = await worker.evaluate(FETCH, "https://fetch-worker.example/");
    // The worker cannot navigate, but it can open a tab; the guard must see that too.
    await worker.evaluate(async () => {
      await (globalThis as unknown as { chrome: Chrome }).chrome.tabs.create({
        url: "https://tab-from-worker.example/",
      });
    });

    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    // Its modules load after the first script's copy, not with the page (src/ui/popup/laterAssets.ts).
    await popup.getByRole("tab").first().waitFor();
    refused.popup = await popup.evaluate(FETCH, "https://fetch-popup.example/");
    // Zod was told not to compile with new Function, which this policy refuses (wxt.config.ts).
    const jitless = () =>
      (globalThis as { __zod_globalConfig?: { jitless?: boolean } }).__zod_globalConfig?.jitless;
    jitlessIn.worker = await worker.evaluate(jitless);
    jitlessIn.popup = await popup.evaluate(jitless);
    // Images and frames are refused too (default-src 'none').
    refused.popupImage = await popup.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const img = new Image();
          img.onload = () => resolve("loaded");
          img.onerror = () => resolve("refused");
          img.src = url;
        }),
      "https://image-popup.example/pixel.png",
    );
    await popup.evaluate(() => {
      location.href = "https://navigate-popup.example/";
    });
    await popup.waitForURL(/navigate-popup/, { waitUntil: "commit" }).catch(() => undefined);

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    refused.options = await options.evaluate(FETCH, "https://fetch-options.example/");

    const page = await context.newPage();
    await page.goto(shop.cartUrl("basic", { delay: 0 }));
    const panel = await panelFrame(page, extensionId);
    refused.panel = await panel.evaluate(FETCH, "https://fetch-panel.example/");
    await panel.evaluate(() => {
      location.href = "https://navigate-panel.example/";
    });
    // The scan panel on a coupon page, and a coin page whose own coin calls the page world watches.
    const coupons = await context.newPage();
    await coupons.goto(`${shop.baseURL}/p/my-coupons/index.html?layout=cards`);
    const scan = await scanFrame(coupons, extensionId);
    await scan.getByRole("button", { name: /^Add \d+ coupons to Stackwise$/ }).waitFor();
    refused.scan = await scan.evaluate(FETCH, "https://fetch-scan.example/");
    const coins = await context.newPage();
    await coins.goto(`${shop.baseURL}/p/coin-pc-index/index.html?via=xhr`);
    await (await scanFrame(coins, extensionId)).getByTestId("scan-coins-balance").waitFor();
    // With the shop page's origin, as a content script's fetch would have.
    await page.evaluate(FETCH, "https://fetch-from-shop-page.example/");
    await page.waitForTimeout(500);
  });

  expect(jitlessIn).toEqual({ worker: true, popup: true });
  for (const [where, outcome] of Object.entries(refused))
    expect(outcome, `${where} reached the network`).not.toBe("answered");
  const by = (host: string) => caught.find((r) => new URL(r.url).hostname === host);
  // Stopped by the CSP: the network service never saw them.
  for (const host of [
    "fetch-worker",
    "fetch-popup",
    "image-popup",
    "fetch-options",
    "fetch-panel",
    "fetch-scan",
  ])
    expect(by(`${host}.example`), `${host} passed the CSP`).toBeUndefined();
  // Caught by the guard, each named with the origin that asked.
  expect(by("navigate-popup.example")?.initiator).toMatch(/^chrome-extension:\/\/[a-p]{32}$/);
  expect(by("navigate-panel.example")?.initiator).toMatch(/^chrome-extension:\/\/[a-p]{32}$/);
  // A tab the browser opens for the worker carries no origin; the guard catches it as a stray page.
  expect(by("tab-from-worker.example")?.type).toBe("main frame");
  expect(by("fetch-from-shop-page.example")?.initiator).toBe("https://www.aliexpress.com");
  // And nothing else: the extension itself asked for nothing.
  expect(caught.map((r) => new URL(r.url).hostname).sort()).toEqual(
    [
      "fetch-from-shop-page.example",
      "navigate-panel.example",
      "navigate-popup.example",
      "tab-from-worker.example",
    ].sort(),
  );
});
