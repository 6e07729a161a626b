/**
 * Playwright fixtures: the system's Chromium with the built extension, and the
 * demo shop served under the real marketplace host names.
 *
 * Nothing is built here: run `npx wxt build` first (the fixture loads
 * `.output/chrome-mv3`, or `STACKWISE_EXTENSION_DIR`).
 *
 * How the shop gets its real names: the extension only runs on the shop's
 * hosts (src/adapters/hosts.ts) and its manifest may not list localhost. The
 * demo shop therefore serves https on a random loopback port with a
 * self-signed certificate made by openssl at test time, Chromium's
 * `--host-resolver-rules` sends www/es/pt.aliexpress.com and www.aliexpress.us (port included) to
 * it, and `--ignore-certificate-errors` accepts the certificate. Every other
 * host name resolves to nothing, so a test can never reach the real shop or
 * any other network.
 *
 *     import { expect, test } from "./support/extension";
 *     test("...", async ({ page, shop, extensionId }) => {
 *       await page.goto(shop.cartUrl("basic"));
 *     });
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type BrowserContext, test as base, chromium, type Page } from "@playwright/test";
import { ensureChromium } from "../../../scripts/chromium";
import {
  CART_PATH,
  CHECKOUT_PATH,
  type RunningShop,
  SHOP_HOSTS,
  startShop,
} from "../../fixtures/shop/server";
import { type ShopAddresses, type ShopHost, shopAddresses } from "../driver/driver";
import { assertNothingLeft, netLogArgs } from "./network";

export const EXTENSION_DIR = resolve(process.env.STACKWISE_EXTENSION_DIR ?? ".output/chrome-mv3");

/** Flags that work for Debian's Chromium in a container (see shared/notes/toolchain.md). */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export type { ShopHost, ShopUrlOptions } from "../driver/driver";

export interface Shop extends ShopAddresses {
  hosts: readonly ShopHost[];
}

interface WorkerFixtures {
  chromiumPath: string;
  shopServer: RunningShop;
  shop: Shop;
}

interface TestFixtures {
  /** Load the extension into the browser (default true); set false to test the shop alone. */
  withExtension: boolean;
  context: BrowserContext;
  page: Page;
  /** The extension's id, from its service worker's URL (empty when withExtension is false). */
  extensionId: string;
  /** Same as shop.baseURL. */
  shopURL: string;
}

export const hostResolverRules = (port: number): string =>
  [...SHOP_HOSTS.map((host) => `MAP ${host} 127.0.0.1:${port}`), "MAP * ~NOTFOUND", "EXCLUDE 127.0.0.1"].join(
    ", ",
  );

export const test = base.extend<TestFixtures, WorkerFixtures>({
  chromiumPath: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright needs the destructuring pattern.
    async ({}, use) => {
      await use(ensureChromium());
    },
    { scope: "worker" },
  ],

  shopServer: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright needs the destructuring pattern.
    async ({}, use) => {
      const server = await startShop({ tls: true });
      await use(server);
      await server.close();
    },
    { scope: "worker" },
  ],

  shop: [
    async ({ shopServer }, use) => {
      await use({ ...shopAddresses(shopServer.url, CART_PATH, CHECKOUT_PATH), hosts: SHOP_HOSTS });
    },
    { scope: "worker" },
  ],

  withExtension: [true, { option: true }],

  context: async ({ chromiumPath, shopServer, withExtension }, use) => {
    if (withExtension && !existsSync(join(EXTENSION_DIR, "manifest.json")))
      throw new Error(
        `No built extension in ${EXTENSION_DIR}. Run \`STACKWISE_TEST_BUILD=1 npx wxt build\` first.`,
      );
    if (
      withExtension &&
      !readFileSync(join(EXTENSION_DIR, "manifest.json"), "utf8").includes('"clipboardRead"')
    )
      throw new Error(
        `${EXTENSION_DIR} is a store build (no clipboardRead): the tests read the clipboard back. Run \`STACKWISE_TEST_BUILD=1 npx wxt build\`.`,
      );
    const userDataDir = mkdtempSync(join(tmpdir(), "stackwise-e2e-"));
    const args = [
      ...CHROMIUM_FLAGS,
      `--host-resolver-rules=${hostResolverRules(shopServer.port)}`,
      // The demo shop's certificate is self-signed (see the comment at the top).
      "--ignore-certificate-errors",
      // Every test is guarded: nothing may leave the extension (support/network.ts).
      ...netLogArgs(userDataDir),
    ];
    if (withExtension)
      args.push(`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`);
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      ignoreHTTPSErrors: true,
      args,
    });
    try {
      await use(context);
      // The NetLog is whole only once Chromium has exited.
      await context.close();
      assertNothingLeft(userDataDir, SHOP_HOSTS);
    } finally {
      // A no-op when already closed; closes it when the test threw.
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  },

  page: async ({ context }, use) => {
    await use(context.pages()[0] ?? (await context.newPage()));
  },

  extensionId: async ({ context, withExtension }, use) => {
    if (!withExtension) return use("");
    // The service worker starts about a second after launch.
    const worker =
      context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker", { timeout: 15_000 }));
    const id = new URL(worker.url()).host;
    await use(id);
  },

  shopURL: async ({ shop }, use) => {
    await use(shop.baseURL);
  },
});

export const expect = test.expect;

/** Waits until the demo cart page has finished hydrating (its own marker; the extension must not rely on it). */
export async function waitForDemoCart(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const stage = document.body.dataset.demoStage;
    return (stage === "2" || stage === "error") && !document.querySelector(".cart-op-loading");
  });
}
