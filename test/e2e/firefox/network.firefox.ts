/**
 * The Firefox half of the no-network guard (support/gateway.ts), shown to
 * work: only the demo shop is reachable, even on loopback, and whatever an
 * extension context or a shop page tries to reach instead is refused and
 * named. Fetches are stopped earlier still, by the extension's content
 * security policy: they never reach the gateway.
 *
 * Build first: `npx wxt build -b firefox --mv3`, then
 * `npx vitest run -c vitest.firefox.config.ts test/e2e/firefox/network.firefox.ts`.
 */
import type { Frame, Page } from "puppeteer-core";
import { expect, test } from "vitest";
import { openExtensionPage, panelFrame, useFirefox } from "./support/firefox";

const firefox = useFirefox();

test("no other host is reachable from the test browser, not even loopback", async () => {
  const { page, gateway } = firefox;
  await expect(page.goto("https://example.com/")).rejects.toThrow(/NS_ERROR_PROXY_FORBIDDEN/);
  await expect(page.goto("http://example.com/")).resolves.toSatisfy((r) => r?.status() === 403);
  // The demo shop's own address: reachable only under the marketplace's names.
  const local = new URL(firefox.localShopUrl);
  await expect(page.goto(`${firefox.localShopUrl}/`)).rejects.toThrow(/NS_ERROR_PROXY_FORBIDDEN/);
  const refused = gateway.take();
  expect(refused).toEqual(
    expect.arrayContaining([
      { method: "CONNECT", target: "example.com:443" },
      { method: "GET", target: "http://example.com/" },
      { method: "CONNECT", target: local.host },
    ]),
  );
  // Besides those, only the refusal page's icon was asked for.
  expect(
    refused.filter((r) => !/^(example\.com:443|http:\/\/example\.com\/|127\.0\.0\.1:\d+)/.test(r.target)),
  ).toEqual([]);
  await page.goto(firefox.cartUrl("basic", { delay: 0 }));
  expect(new URL(page.url()).host).toBe("www.aliexpress.com");
  expect(gateway.take()).toEqual([]);
});

const FETCH = (url: string) =>
  fetch(url).then(
    () => "answered",
    (error: unknown) => String(error),
  );

/** Starts a navigation of `where` to `url` from inside it, as its own script would. */
const navigate = (where: Page | Frame, url: string) =>
  where
    .evaluate((u) => {
      location.href = u;
    }, url)
    .catch(() => undefined);

test("the guard names what each extension context tries to reach; the CSP stops fetches first", async () => {
  const { page, browser, gateway } = firefox;
  const refused: Record<string, string> = {};

  const popup = await browser.newPage();
  await openExtensionPage(popup, firefox.extensionUrl("popup.html"), '[role="tab"]');
  refused.popup = await popup.evaluate(FETCH, "https://fetch-popup.example/");
  // The background page's own fetch, run in its realm (so under its policy).
  refused.background = await popup.evaluate(async (url) => {
    const api = (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window> } } })
      .browser;
    const bg = await api.runtime.getBackgroundPage();
    return bg.fetch(url).then(
      () => "answered",
      (error: unknown) => String(error),
    );
  }, "https://fetch-background.example/");

  await page.goto(firefox.cartUrl("basic", { delay: 0 }));
  const panel = await panelFrame(page);
  refused.panel = await panel.evaluate(FETCH, "https://fetch-panel.example/");
  // With the shop page's origin, as a content script's fetch would have.
  refused.shopPage = await page.evaluate(FETCH, "https://fetch-from-shop-page.example/");

  await navigate(panel, "https://navigate-panel.example/");
  await navigate(popup, "https://navigate-popup.example/");
  const expected = [
    "fetch-from-shop-page.example:443",
    "navigate-panel.example:443",
    "navigate-popup.example:443",
  ];
  const seen: string[] = [];
  for (let i = 0; i < 50 && seen.length < expected.length; i++) {
    seen.push(...gateway.take().map((r) => r.target));
    await new Promise((r) => setTimeout(r, 100));
  }

  for (const [where, outcome] of Object.entries(refused))
    expect(outcome, `${where} reached the network`).not.toBe("answered");
  // The fetches of extension contexts never reached the gateway: the CSP stopped them.
  expect(seen.sort()).toEqual(expected);
});
