/**
 * The popup in Debian's Firefox ESR with the Firefox build installed: the
 * same copy flow as in Chromium (test/e2e/popup.e2e.ts), read back from the
 * clipboard, and the background's own clipboard writes: Firefox's MV3
 * background is an event page with a document, so it copies by itself
 * where Chrome needs an offscreen document. And the popup from the keyboard:
 * focus order, Enter in a form, the tabs by arrow keys.
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

interface Focused {
  name: string;
  testId: string | null;
}

/**
 * The focused control by its accessible name, or null when the focus is nowhere (on the body).
 * Whether its ring shows is checked in Chromium only: a headless Firefox window never has the
 * system's focus (document.hasFocus() stays false), so :focus-visible never matches there.
 */
const focused = (page: Page): Promise<Focused | null> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (el === null || el === document.body) return null;
    const labelled =
      el.getAttribute("aria-label") ??
      (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null);
    return {
      name: (labelled ?? el.closest("label")?.textContent ?? el.textContent ?? "")
        .replace(/\s+/g, " ")
        .trim(),
      testId: el.getAttribute("data-testid"),
    };
  });

async function press(page: Page, key: "Tab" | "Shift+Tab" | "ArrowRight" | "ArrowLeft" | "Home" | "End") {
  if (key === "Shift+Tab") {
    await page.keyboard.down("Shift");
    await page.keyboard.press("Tab");
    await page.keyboard.up("Shift");
  } else await page.keyboard.press(key);
  const now = await focused(page);
  if (now === null) throw new Error(`${key} left the focus nowhere`);
  return now.name;
}

/** Presses Tab (or Shift+Tab) until `name` has the focus. */
async function tabTo(page: Page, name: string, key: "Tab" | "Shift+Tab" = "Tab"): Promise<void> {
  const stops: string[] = [];
  for (let i = 0; i < 40; i++) {
    stops.push(await press(page, key));
    if (stops.at(-1) === name) return;
  }
  throw new Error(`${key} never reached "${name}": ${stops.join(" | ")}`);
}
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

/** What the popup's first script did before its modules loaded (src/ui/popup/copyFirst.ts). */
const earlyCopy = (page: Page) =>
  page.evaluate(() => (window as unknown as { __stackwiseEarlyCopy: Promise<unknown> }).__stackwiseEarlyCopy);

test("copy first: the opening copy follows a new default, a deletion, the setting, and skips #wallet", async () => {
  const { page } = firefox;
  const OTHER = "https://s.click.aliexpress.com/e/_OtherLnk";
  const reopen = async (hash = "") => {
    await setClipboard(page, "something else");
    await openExtensionPage(page, firefox.extensionUrl(`popup.html${hash}`), '[role="tab"]');
    await visible(page, testId("copy-link"));
  };
  const item = async (value: string, id: string) => {
    const found = await page.$$(testId("link-item"));
    for (const li of found)
      if ((await li.evaluate((e) => e.textContent ?? "")).includes(value)) {
        const control = await li.$(testId(id));
        if (control !== null) return control;
      }
    throw new Error(`no ${id} on the link ${value}`);
  };

  await openPopup(page);
  await saveLink(page, LINK);
  await until(() => textOf(page, testId("default-link")), LINK);
  await reopen();
  expect(await earlyCopy(page)).toEqual({ kind: "copied", text: LINK });
  expect(await clipboard(page)).toBe(LINK);

  await saveLink(page, OTHER);
  await until(() => count(page, testId("link-item")), 2);
  await (await item(OTHER, "make-default")).click();
  await until(() => textOf(page, testId("default-link")), OTHER);
  await reopen();
  expect(await earlyCopy(page)).toEqual({ kind: "copied", text: OTHER });
  expect(await clipboard(page)).toBe(OTHER);

  await (await item(OTHER, "delete-link")).click();
  await (await item(OTHER, "confirm-delete-link")).click();
  await until(() => count(page, testId("link-item")), 1);
  await reopen();
  expect(await earlyCopy(page)).toEqual({ kind: "copied", text: LINK });
  expect(await clipboard(page)).toBe(LINK);

  // Opened from the expiry reminder: the wallet shows and nothing is copied.
  await setClipboard(page, "something else");
  await page.goto("about:blank").catch(() => undefined);
  await openExtensionPage(page, firefox.extensionUrl("popup.html#wallet"), testId("panel-wallet"));
  expect(await earlyCopy(page)).toEqual({ kind: "skipped" });
  expect(await clipboard(page)).toBe("something else");

  // The setting off ("Stop copying on open"): nothing is copied on the next opening.
  await reopen();
  expect(await clipboard(page)).toBe(LINK);
  await (await page.waitForSelector(testId("stop-auto-copy")))?.click();
  await until(() => count(page, testId("stop-auto-copy")), 0);
  await reopen();
  expect(await earlyCopy(page)).toEqual({ kind: "skipped" });
  expect(await clipboard(page)).toBe("something else");
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

test("keyboard alone: save a link with Enter, reach every part with Tab, move between tabs with the arrows", async () => {
  const { page } = firefox;
  await openPopup(page);
  await visible(page, testId("no-link"));
  await tabTo(page, "Referral link or code");
  await page.keyboard.type(LINK);
  await page.keyboard.press("Enter");
  await until(() => textOf(page, testId("default-link")), LINK);

  // Reopened, the popup puts the focus on its main button.
  await openPopup(page);
  await until(async () => (await focused(page))?.testId ?? null, "copy-link");
  await tabTo(page, "Settings", "Shift+Tab");
  // Firefox also stops on the scrolling area around the tabs, so that the keyboard can scroll it.
  await tabTo(page, "Referral");
  expect(await press(page, "ArrowRight")).toBe("Wallet");
  await until(() => attribute(page, '[role="tab"][aria-selected="true"]', "data-testid"), "tab-wallet");
  expect(await press(page, "ArrowRight")).toBe("Tracker");
  expect(await press(page, "Home")).toBe("Referral");
  expect(await press(page, "End")).toBe("Tracker");
  expect(await press(page, "ArrowLeft")).toBe("Wallet");
  // The wallet's contents load from IndexedDB; then Tab goes into them.
  await visible(page, testId("add-coupon"));
  await tabTo(page, "Add coupon");

  await tabTo(page, "Wallet", "Shift+Tab");
  expect(await press(page, "ArrowLeft")).toBe("Referral");
  await visible(page, testId("copy-link"));
  await tabTo(page, "Copy referral link");
  // Pressing a focused button is checked in Chromium (a11y.e2e.ts): a headless Firefox window never
  // has the system's focus, and without it Firefox turns no Enter or Space on a button into a click.
});
