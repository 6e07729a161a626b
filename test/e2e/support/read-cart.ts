/**
 * Reads the cart of a live page the way the extension will: a page-state copy
 * taken in the page's world plus the rendered document, handed to the
 * adapter (here in Node, on a jsdom copy of the document).
 */
import type { Page } from "@playwright/test";
import { JSDOM } from "jsdom";
import { aliexpress } from "../../../src/adapters/aliexpress";
import { type PageStateSnapshot, snapshotCartState } from "../../../src/adapters/page-state";
import type { CartRead } from "../../../src/adapters/types";

export async function readLiveCart(page: Page): Promise<CartRead> {
  // State and DOM in one task: read apart, they can straddle a hydration stage.
  const { pageState, html } = (await page.evaluate(
    `(() => ({ pageState: (${snapshotCartState})(), html: document.documentElement.outerHTML }))()`,
  )) as { pageState: PageStateSnapshot; html: string };
  const { document } = new JSDOM(html, { url: page.url() }).window;
  return aliexpress.readCart({ url: page.url(), document, pageState });
}

/** Reads until two reads in a row agree on a cart (or on a status), as the content script must. */
export async function readSettledCart(page: Page, timeoutMs = 15_000): Promise<CartRead> {
  const end = Date.now() + timeoutMs;
  let last = "";
  for (;;) {
    const read = await readLiveCart(page);
    const key = read.ok ? read.signature : `${read.status}`;
    if (key === last && !(read.ok === false && read.status === "loading")) return read;
    if (Date.now() > end) throw new Error(`the cart did not settle: ${JSON.stringify(read).slice(0, 300)}`);
    last = key;
    await page.waitForTimeout(100);
  }
}
