/**
 * The Chromium driver: Playwright over the fixtures of support/extension.ts
 * (the system's Chromium with the built extension, the demo shop under the
 * marketplace's names, the NetLog no-network guard). What only Chromium
 * needs lives here: the extension's id from its service worker, and pages
 * addressed as chrome-extension://ID/.
 */
import { readFile } from "node:fs/promises";
import type { BrowserContext, ElementHandle, Frame, Page } from "@playwright/test";
import { CART_PATH, CHECKOUT_PATH } from "../../fixtures/shop/server";
import { test as base, type Shop } from "../support/extension";
import {
  type Driver,
  inDocument,
  type Key,
  onlyTheHashDiffers,
  type Query,
  type Surface,
  sharedSurface,
  shopAddresses,
  sleep,
  type Tab,
} from "./driver";

function surfaceOf(where: Page | Frame, page: Page): Surface {
  const { element, surface } = sharedSurface(
    where.evaluate.bind(where) as (f: unknown, arg?: unknown) => Promise<unknown>,
    async (q: Query) => {
      const handle = await where.evaluateHandle(inDocument, q);
      const el = handle.asElement() as ElementHandle<Element> | null;
      if (!el) await handle.dispose();
      return el;
    },
  );
  return {
    ...surface,
    click: async (t) => (await element(t)).click(),
    fill: async (t, value) => (await element(t)).fill(value),
    paste: async (t, value) => (await element(t)).fill(value),
    check: async (t) => (await element(t)).check(),
    uncheck: async (t) => (await element(t)).uncheck(),
    select: async (t, value) => {
      await (await element(t)).selectOption(value);
    },
    focus: async (t) => (await element(t)).focus(),
    upload: async (t, file) =>
      (await element(t)).setInputFiles({
        name: file.name,
        mimeType: "application/json",
        buffer: Buffer.from(file.content),
      }),
    press: (key: Key) => page.keyboard.press(key),
    type: (text) => page.keyboard.type(text),
  };
}

function tabOf(page: Page, extensionId: string): Tab {
  return {
    ...surfaceOf(page, page),
    goto: async (url) => {
      await page.goto(url);
    },
    openExtension: async (path, ready) => {
      const url = `chrome-extension://${extensionId}/${path.replace(/^\//, "")}`;
      if (onlyTheHashDiffers(page.url(), url)) await page.goto("about:blank");
      await page.goto(url);
      await surfaceOf(page, page).waitFor(ready, 15_000);
    },
    reload: async () => {
      await page.reload();
    },
    url: () => page.url(),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    navigating: async (action) => {
      await Promise.all([page.waitForEvent("framenavigated", { timeout: 20_000 }), action()]);
      await page.waitForLoadState("load");
    },
    scrollToEnd: () => page.mouse.wheel(0, 4000),
    frame: async (path, timeoutMs = 15_000) => {
      const prefix = `chrome-extension://${extensionId}/${path}`;
      const end = Date.now() + timeoutMs;
      for (;;) {
        const frame = page.frames().find((f) => f.url().startsWith(prefix));
        if (frame) return surfaceOf(frame, page);
        if (Date.now() > end) throw new Error(`the Stackwise ${path} frame did not appear on the page`);
        await sleep(50);
      }
    },
    hasFrame: async (path) => page.frames().some((f) => f.url().includes(`/${path}`)),
    content: () => page.content(),
    download: async (action) => {
      const [download] = await Promise.all([page.waitForEvent("download"), action()]);
      return { name: download.suggestedFilename(), content: await readFile(await download.path(), "utf8") };
    },
    screenshot: async (path, options = {}) => {
      await page.screenshot({ path, ...options });
    },
    close: () => page.close(),
  };
}

export class PlaywrightDriver implements Driver {
  readonly browser = "chromium" as const;
  readonly tab: Tab;
  readonly shop;

  constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    shop: Shop,
    readonly extensionId: string,
  ) {
    this.tab = tabOf(page, extensionId);
    this.shop = shopAddresses(shop.localURL, CART_PATH, CHECKOUT_PATH);
  }

  async newTab(): Promise<Tab> {
    return tabOf(await this.context.newPage(), this.extensionId);
  }
}

/** Playwright's test with a `driver` fixture (and the raw fixtures for what is Chromium's alone). */
export const test = base.extend<{ driver: PlaywrightDriver }>({
  driver: async ({ context, page, shop, extensionId }, use) => {
    await use(new PlaywrightDriver(context, page, shop, extensionId));
  },
});
