/**
 * Firefox with the built extension on the demo shop, for the `*.firefox.ts`
 * tests: Debian's firefox-esr (scripts/firefox.ts finds or installs it),
 * driven by puppeteer-core over WebDriver BiDi, a fresh profile per test.
 *
 * Nothing is built here: run `npx wxt build -b firefox --mv3` first (the
 * tests load `.output/firefox-mv3`, or `STACKWISE_FIREFOX_EXTENSION_DIR`).
 *
 * The shop is reached through the gateway (support/gateway.ts), which is
 * also the no-network guard: after every test, anything it refused fails the
 * test. `useFirefox()` wires all of it into Vitest's hooks.
 *
 * Two things Firefox does differently, on purpose handled here:
 * - A `goto` to a moz-extension page never resolves, although the page
 *   loads: extension pages are opened without waiting for `goto`.
 * - Puppeteer keeps the first address of a frame made by a script
 *   (about:blank), so the panel's frame is found by asking each frame
 *   where it is.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import puppeteer, { type Browser, type ElementHandle, type Frame, type Page } from "puppeteer-core";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import { ensureFirefox } from "../../../../scripts/firefox";
import {
  CART_PATH,
  CHECKOUT_PATH,
  type RunningShop,
  SHOP_HOSTS,
  startShop,
} from "../../../fixtures/shop/server";
import { type ShopAddresses, shopAddresses } from "../../driver/driver";
import { type Gateway, startGateway } from "./gateway";

export const FIREFOX_EXTENSION_DIR = resolve(
  process.env.STACKWISE_FIREFOX_EXTENSION_DIR ?? ".output/firefox-mv3",
);

/** Fixed here so that extension pages have a known address: moz-extension://UUID/… */
export const EXTENSION_UUID = "0b5e7d3c-6f1a-4d2e-9c8b-5a4f3e2d1c0b";

function geckoId(dir: string): string {
  let manifest: { browser_specific_settings?: { gecko?: { id?: string } }; permissions?: string[] };
  const build = "`STACKWISE_TEST_BUILD=1 npx wxt build -b firefox --mv3`";
  try {
    manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
  } catch {
    throw new Error(`No built extension in ${dir}. Run ${build} first.`);
  }
  if (!manifest.permissions?.includes("clipboardRead"))
    throw new Error(
      `${dir} is a store build (no clipboardRead): the tests read the clipboard back. Run ${build}.`,
    );
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${dir}/manifest.json has no browser_specific_settings.gecko.id`);
  return id;
}

/**
 * Preferences of the test profile. Every request goes to the gateway and
 * never directly; Firefox's own background services, which would otherwise
 * ask Mozilla's servers for settings and captive-portal checks, are off, so
 * that the gateway hears only the pages and the extension.
 */
export function firefoxPrefs(gatewayPort: number, extensionId: string): Record<string, unknown> {
  return {
    "extensions.webextensions.uuids": JSON.stringify({ [extensionId]: EXTENSION_UUID }),
    "network.proxy.type": 1,
    "network.proxy.http": "127.0.0.1",
    "network.proxy.http_port": gatewayPort,
    "network.proxy.ssl": "127.0.0.1",
    "network.proxy.ssl_port": gatewayPort,
    "network.proxy.no_proxies_on": "",
    // Even loopback goes through the gateway: no other local server is reachable either.
    "network.proxy.allow_hijacking_localhost": true,
    // If the gateway is down, nothing loads, rather than going direct.
    "network.proxy.failover_direct": false,
    // No DNS over https, no speculative lookups or connections.
    "network.trr.mode": 5,
    "network.dns.disablePrefetch": true,
    "network.prefetch-next": false,
    "network.http.speculative-parallel-limit": 0,
    "network.captive-portal-service.enabled": false,
    "network.connectivity-service.enabled": false,
    // Honoured only with MOZ_REMOTE_SETTINGS_DEVTOOLS=1 in the environment (set at launch).
    "services.settings.server": "data:,#remote-settings-dummy/v1",
    "extensions.blocklist.enabled": false,
    "browser.region.network.url": "",
    "browser.region.update.enabled": false,
    "security.remote_settings.crlite_filters.enabled": false,
    "security.remote_settings.intermediates.enabled": false,
    // The extension's pages open as tabs; no "extension opened a page" notices in the way.
    "browser.tabs.warnOnOpen": false,
  };
}

/** Downloads saved straight into `dir`, without asking and without the downloads panel, for the test to read. */
export function downloadPrefs(dir: string): Record<string, unknown> {
  return {
    "browser.download.folderList": 2,
    "browser.download.dir": dir,
    "browser.download.useDownloadDir": true,
    "browser.download.always_ask_before_handling_new_types": false,
    "browser.download.start_downloads_in_tmp_dir": false,
    "browser.download.alwaysOpenPanel": false,
    "browser.helperApps.neverAsk.saveToDisk": "application/json",
  };
}

export interface FirefoxSession {
  browser: Browser;
  /** The first tab. */
  page: Page;
  gateway: Gateway;
  /** The demo shop's own address (https on loopback): reachable from Node, not from the browser. */
  localShopUrl: string;
  /** Where this test's browser saves downloads (emptied after each test). */
  downloads: string;
  extensionUrl(path: string): string;
  cartUrl: ShopAddresses["cartUrl"];
  checkoutUrl: ShopAddresses["checkoutUrl"];
}

/**
 * Registers Vitest hooks: shop and gateway for the file, a fresh Firefox
 * with the extension for each test, and the network check after it. The
 * returned object is filled in by the time a test runs.
 */
export function useFirefox(): FirefoxSession {
  const session = {} as FirefoxSession;
  let shop: RunningShop | undefined;
  let firefoxPath = "";
  let extensionId = "";

  beforeAll(async () => {
    firefoxPath = ensureFirefox();
    extensionId = geckoId(FIREFOX_EXTENSION_DIR);
    shop = await startShop({ tls: true });
    session.gateway = await startGateway(shop.port, SHOP_HOSTS);
    session.localShopUrl = shop.url;
    session.extensionUrl = (path) => `moz-extension://${EXTENSION_UUID}/${path.replace(/^\//, "")}`;
    const addresses = shopAddresses(shop.url, CART_PATH, CHECKOUT_PATH);
    session.cartUrl = addresses.cartUrl;
    session.checkoutUrl = addresses.checkoutUrl;
  });

  beforeEach(async () => {
    session.gateway.take();
    session.downloads = mkdtempSync(join(tmpdir(), "stackwise-downloads-"));
    session.browser = await puppeteer.launch({
      browser: "firefox",
      executablePath: firefoxPath,
      headless: true,
      // The demo shop's certificate is self-signed and made at start.
      acceptInsecureCerts: true,
      // Lets a test reach the browser's own windows (the keyboard shortcut's key element).
      args: ["--remote-allow-system-access"],
      env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: "1" },
      extraPrefsFirefox: {
        ...firefoxPrefs(session.gateway.port, extensionId),
        ...downloadPrefs(session.downloads),
      },
    });
    await session.browser.installExtension(FIREFOX_EXTENSION_DIR);
    const [first] = await session.browser.pages();
    session.page = first ?? (await session.browser.newPage());
    await setViewport(session.page, { width: 1280, height: 900 });
  });

  afterEach(async () => {
    await session.browser?.close();
    if (session.downloads) rmSync(session.downloads, { recursive: true, force: true });
    // The guard: whatever tried to leave during the test, from any page or the extension.
    expect(session.gateway.take(), "requests that tried to leave the test browser").toEqual([]);
  });

  afterAll(async () => {
    await session.gateway?.close();
    await shop?.close();
  });

  return session;
}

/**
 * Sizes the page. Puppeteer sends the size and a screen orientation
 * together; Firefox 140 knows the first and not the second, so that one
 * error (and only that one) is let through.
 */
export async function setViewport(page: Page, size: { width: number; height: number }): Promise<void> {
  try {
    await page.setViewport(size);
  } catch (error) {
    if (!String(error).includes("unknown command emulation.setScreenOrientationOverride")) throw error;
  }
}

/**
 * Polls `read` in the page until it returns something truthy. Puppeteer's
 * own waitForFunction and waitForSelector build their checks with
 * `new Function` inside the page, which the extension's content security
 * policy refuses in Firefox (there, unlike in Chromium, the policy applies
 * to what automation runs in the page), so polling is done from here.
 */
export async function waitIn<A extends unknown[], T>(
  where: Page | Frame,
  read: (...args: A) => T,
  args: A,
  what: string,
  timeoutMs = 10_000,
): Promise<NonNullable<Awaited<T>>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const evaluate = where.evaluate.bind(where) as (f: unknown, ...a: unknown[]) => Promise<unknown>;
      const value = (await evaluate(read, ...args)) as Awaited<T>;
      if (value) return value as NonNullable<Awaited<T>>;
    } catch (error) {
      // The document is being replaced; ask the next one.
      last = error;
    }
    if (Date.now() > end)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (${last})` : ""}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Opens an extension page in `page` (a fresh document even when it is
 * already there) and waits until `ready` matches in it.
 */
export async function openExtensionPage(page: Page, url: string, ready: string): Promise<void> {
  await page
    .evaluate(() => {
      (globalThis as { stackwiseOldDocument?: boolean }).stackwiseOldDocument = true;
    })
    .catch(() => undefined);
  // Never resolves for moz-extension pages (see the top of this file).
  void page.goto(url).catch(() => undefined);
  await waitIn(
    page,
    (href: string, selector: string) =>
      location.href === href &&
      (globalThis as { stackwiseOldDocument?: boolean }).stackwiseOldDocument !== true &&
      document.querySelector(selector) !== null,
    [url, ready],
    `${url} to show ${ready}`,
    15_000,
  );
}

/** The panel's frame in a shop page, found by asking each frame where it is. */
export async function panelFrame(page: Page, timeoutMs = 15_000, path = "panel.html"): Promise<Frame> {
  const prefix = `moz-extension://${EXTENSION_UUID}/${path}`;
  const end = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const href = await frame.evaluate(() => location.href).catch(() => "");
      if (href.startsWith(prefix)) return frame;
    }
    if (Date.now() > end) throw new Error(`the Stackwise ${path} frame did not appear on the page`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Clicks an element of the panel with the mouse, in the shop's page.
 * Puppeteer finds where a frame sits with a BiDi locator that Firefox 140
 * does not know yet, so the frame's place is read here instead: it fills
 * the host element the content script adds to the page.
 */
export async function clickInPanel(page: Page, element: ElementHandle<Element>): Promise<void> {
  // Where the control is in the shop page's window, and whether that is inside the panel's
  // frame as the window shows it (the host is fixed to the window's corner; the panel
  // scrolls inside it).
  const place = async () => {
    // Scroll first: bringing the control into view can scroll the shop's page too (a long
    // cart), so the panel's host is measured after it, or the click lands where it was.
    await element.evaluate((el) => el.scrollIntoView({ block: "center" }));
    const host = await page.evaluate(() => {
      const divs = [...document.documentElement.children].filter((el) => el.tagName === "DIV");
      const r = divs.at(-1)?.getBoundingClientRect();
      return r
        ? { x: r.x, y: r.y, width: r.width, height: r.height, right: innerWidth, bottom: innerHeight }
        : null;
    });
    if (!host) throw new Error("the panel's host element is not on the page");
    const box = await element.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    });
    const at = { x: host.x + box.x, y: host.y + box.y };
    const inside =
      box.x >= 0 &&
      box.y >= 0 &&
      box.x < host.width &&
      box.y < host.height &&
      at.x < host.right &&
      at.y < host.bottom;
    return { at, inside };
  };
  // A panel still laying out (a 200-line cart's stack) can move the control after it was
  // scrolled to: seen once in a fresh-clone run, the control 1,850 px down a 488 px frame and
  // the click refused as outside the window. Scroll to it again until it stays in view.
  let { at, inside } = await place();
  for (let tries = 1; !inside; tries++) {
    if (tries > 20)
      throw new Error(`the panel's control stays outside the panel's frame as shown (at ${at.x}, ${at.y})`);
    await new Promise((r) => setTimeout(r, 50));
    ({ at, inside } = await place());
  }
  await page.mouse.click(at.x, at.y);
}

/** Replaces a text field's value by typing, as a person would. */
export async function fill(field: ElementHandle<Element>, value: string): Promise<void> {
  await field.click({ count: 3 });
  await field.evaluate((el) => (el as HTMLInputElement).select());
  if (value === "") await field.press("Backspace");
  else await field.type(value);
}
