/**
 * The popup in Debian's Firefox ESR with the Firefox build installed: the
 * same copy flow as in Chromium (test/e2e/popup.e2e.ts), read back from the
 * clipboard, and the background's own clipboard writes: Firefox's MV3
 * background is an event page with a document, so it copies by itself
 * where Chrome needs an offscreen document.
 *
 * Build first: `npx wxt build -b firefox --mv3`, then
 * `npx vitest run -c vitest.firefox.config.ts test/e2e/firefox/popup.firefox.ts`.
 * With STACKWISE_SCREENSHOTS=1 the copy flow also writes docs/firefox-popup.png.
 */
import type { Page } from "puppeteer-core";
import { expect, test } from "vitest";
import {
  attribute,
  byRole,
  count,
  fill,
  openExtensionPage,
  setViewport,
  testId,
  textOf,
  until,
  useFirefox,
  visible,
} from "./support/firefox";

const LINK = "https://s.click.aliexpress.com/e/_DkReF42";
const SCREENSHOTS = process.env.STACKWISE_SCREENSHOTS === "1";
const firefox = useFirefox();

async function openPopup(page: Page): Promise<void> {
  // The toolbar popup is 380 px wide; a tab of that size renders the same page.
  await setViewport(page, { width: 380, height: 600 });
  await openExtensionPage(page, firefox.extensionUrl("popup.html"), '[role="tab"]');
}

async function saveLink(page: Page, link: string): Promise<void> {
  await fill(await byRole(page, "textbox", "Referral link or code"), link);
  await (await byRole(page, "button", "Save link")).click();
}

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());
const setClipboard = (page: Page, text: string) =>
  page.evaluate((t) => navigator.clipboard.writeText(t), text);

test("saving a link, then Copy referral link puts exactly that link on the clipboard", async () => {
  const { page } = firefox;
  await openPopup(page);
  await visible(page, testId("no-link"));
  expect(
    await (await byRole(page, "button", "Copy referral link")).evaluate((b) => b.matches(":disabled")),
  ).toBe(true);

  // Refused links say why and are never saved.
  for (const [bad, reason] of [
    ["javascript:alert(document.cookie)", "script-url"],
    ["data:text/html,<script>alert(1)</script>", "data-url"],
    ["http://s.click.aliexpress.com/e/_DkReF42", "not-https"],
    ["https://aliexpress.com.evil.example/e/_DkReF42", "lookalike-host"],
  ] as const) {
    await saveLink(page, bad);
    await until(() => attribute(page, testId("add-link-form"), "data-refusal"), reason);
    await visible(page, testId("link-input-error"));
  }
  expect(await count(page, testId("link-item"))).toBe(0);

  await saveLink(page, LINK);
  await until(() => textOf(page, testId("default-link")), LINK);

  await setClipboard(page, "something else");
  await (await byRole(page, "button", "Copy referral link")).click();
  await until(() => textOf(page, testId("copied")), "Copied");
  await until(() => textOf(page, testId("copied-link")), LINK);
  expect(await clipboard(page)).toBe(LINK);

  // Opening the popup again copies at once, and says so.
  await setClipboard(page, "something else");
  await openPopup(page);
  await until(() => textOf(page, testId("copied")), "Copied");
  expect(await clipboard(page)).toBe(LINK);

  // The share message carries the link; the QR code draws it.
  await (await byRole(page, "button", "Copy share message")).click();
  await until(async () => (await clipboard(page)).includes(LINK), true);
  await (await byRole(page, "button", "Show QR code")).click();
  await byRole(page, "img", "QR code of your referral link");
  if (SCREENSHOTS) {
    await (await byRole(page, "button", "Hide QR code")).click();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.screenshot({ path: "docs/firefox-popup.png" });
  }
});

test("the background is a page that writes the clipboard itself: no offscreen document, no focus", async () => {
  const { page } = firefox;
  await openPopup(page);
  await setClipboard(page, "something else");
  // What clipboardWriter() in src/background/wallet.ts decides on, and the write it then makes, in
  // the real background page. (The menu and the shortcut that start it cannot be pressed over BiDi.)
  const background = await page.evaluate(async () => {
    const api = (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window> } } })
      .browser;
    const bg = (await api.runtime.getBackgroundPage()) as Window & { browser?: { offscreen?: unknown } };
    const facts = {
      hasDocument: typeof bg.document !== "undefined",
      hasOffscreen: bg.browser?.offscreen !== undefined,
      focused: bg.document.hasFocus(),
    };
    await bg.navigator.clipboard.writeText("from the background page");
    return facts;
  });
  expect(background).toEqual({ hasDocument: true, hasOffscreen: false, focused: false });
  expect(await clipboard(page)).toBe("from the background page");

  // The selection copy that copyText() falls back to, in the background's own document.
  const copied = await page.evaluate(async () => {
    const api = (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window> } } })
      .browser;
    const doc = (await api.runtime.getBackgroundPage()).document;
    const area = doc.createElement("textarea");
    area.value = "by selection in the background page";
    doc.body.append(area);
    area.select();
    const done = doc.execCommand("copy");
    area.remove();
    return done;
  });
  expect(copied).toBe(true);
  expect(await clipboard(page)).toBe("by selection in the background page");
});
