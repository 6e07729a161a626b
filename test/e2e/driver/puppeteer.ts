/**
 * The Firefox driver: puppeteer-core over WebDriver BiDi, on the session of
 * firefox/support/firefox.ts (Debian's firefox-esr with the built extension
 * at a fixed moz-extension:// address, the gateway that is both the way to
 * the demo shop and the no-network guard). What only Firefox needs lives
 * here: extension pages opened without waiting for `goto` (it never
 * resolves for them), frames found by asking each where it is, and clicks
 * in the panel made with the mouse at the frame's place in the page.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ElementHandle, Frame, Page } from "puppeteer-core";
import { CART_PATH, CHECKOUT_PATH } from "../../fixtures/shop/server";
import {
  clickInPanel,
  type FirefoxSession,
  fill,
  openExtensionPage,
  panelFrame,
  setViewport,
} from "../firefox/support/firefox";
import {
  type Driver,
  describeTarget,
  eventually,
  inDocument,
  type Key,
  onlyTheHashDiffers,
  type Query,
  type ShopAddresses,
  type Surface,
  sharedSurface,
  shopAddresses,
  type Tab,
  type Target,
} from "./driver";

let uploads: string | undefined;

/**
 * Where uploaded files are written. Firefox reads a chosen file from disk
 * only when the page reads it, after `uploadFile` has returned, so the files
 * stay until the test process ends.
 */
function uploadDir(): string {
  if (uploads === undefined) {
    const dir = mkdtempSync(join(tmpdir(), "stackwise-upload-"));
    process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
    uploads = dir;
  }
  return uploads;
}

async function press(page: Page, key: Key): Promise<void> {
  if (key === "Shift+Tab") {
    await page.keyboard.down("Shift");
    await page.keyboard.press("Tab");
    await page.keyboard.up("Shift");
  } else await page.keyboard.press(key);
}

function surfaceOf(where: Page | Frame, page: Page): Surface {
  const inFrame = where !== page;
  const { element, surface } = sharedSurface(
    where.evaluate.bind(where) as (f: unknown, arg?: unknown) => Promise<unknown>,
    async (q: Query) => {
      const handle = await where.evaluateHandle(inDocument as (q: Query) => Element | null, q);
      const el = handle.asElement() as ElementHandle<Element> | null;
      if (!el) await handle.dispose();
      return el;
    },
  );
  const click = async (el: ElementHandle<Element>) => {
    if (inFrame) await clickInPanel(page, el);
    else await el.click();
  };
  const setChecked = async (t: Target, on: boolean) => {
    const el = await element(t);
    if ((await el.evaluate((e) => (e as HTMLInputElement).checked)) !== on) await click(el);
    // A mouse click at the control's place in the shop's page can miss it in a long panel
    // (Firefox offers no frame-relative click into an extension frame); the control's own
    // click() still toggles it and runs its change handler, as the page's own code would see.
    if ((await el.evaluate((e) => (e as HTMLInputElement).checked)) !== on)
      await el.evaluate((e) => (e as HTMLInputElement).click());
    const now = await el.evaluate((e) => (e as HTMLInputElement).checked);
    if (now !== on) throw new Error(`${describeTarget(t)} did not become ${on ? "checked" : "unchecked"}`);
  };
  return {
    ...surface,
    click: async (t) => click(await element(t)),
    fill: async (t, value) => {
      const el = await element(t);
      // Firefox's date fields take typing per part in the locale's order; a person picks the date.
      if (await el.evaluate((e) => ["date", "datetime-local"].includes((e as HTMLInputElement).type)))
        await el.evaluate((e, v) => {
          (e as HTMLInputElement).value = v;
          e.dispatchEvent(new Event("input", { bubbles: true }));
          e.dispatchEvent(new Event("change", { bubbles: true }));
        }, value);
      else await fill(el, value);
    },
    // Set at once and announced as typing: typing a whole page key by key would only slow the test.
    paste: async (t, value) =>
      (await element(t)).evaluate((el, v) => {
        (el as HTMLTextAreaElement).value = v;
        el.dispatchEvent(new Event("input", { bubbles: true }));
      }, value),
    check: (t) => setChecked(t, true),
    uncheck: (t) => setChecked(t, false),
    select: async (t, value) => {
      await (await element(t)).select(value);
    },
    focus: async (t) => (await element(t)).focus(),
    upload: async (t, file) => {
      const path = join(uploadDir(), `${Date.now()}-${file.name}`);
      writeFileSync(path, file.content);
      await ((await element(t)) as ElementHandle<HTMLInputElement>).uploadFile(path);
    },
    press: (key) => press(page, key),
    type: (text) => page.keyboard.type(text),
  };
}

function tabOf(page: Page, session: FirefoxSession): Tab {
  return {
    ...surfaceOf(page, page),
    goto: async (url) => {
      await page.goto(url);
    },
    openExtension: async (path, ready) => {
      const url = session.extensionUrl(path);
      // Puppeteer's page.url() lags behind extension pages in Firefox: the document says where it is.
      const here = await page.evaluate(() => location.href).catch(() => "");
      if (onlyTheHashDiffers(here, url)) await page.goto("about:blank");
      // Only a fresh document at that address counts (see openExtensionPage); then `ready`.
      await openExtensionPage(page, url, "body");
      await surfaceOf(page, page).waitFor(ready, 15_000);
    },
    reload: async () => {
      const here = await page.evaluate(() => location.href).catch(() => page.url());
      // A reload, like a goto, never resolves for moz-extension pages: wait for the fresh document instead.
      if (here.startsWith("moz-extension:")) await openExtensionPage(page, here, "body");
      else await page.reload();
    },
    url: () => page.url(),
    setViewport: (width, height) => setViewport(page, { width, height }),
    navigating: async (action) => {
      await Promise.all([page.waitForNavigation(), action()]);
    },
    // Scrolled by script: the mouse wheel over BiDi needs a pointer place Firefox 140 does not take.
    scrollToEnd: async () => {
      await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
    },
    frame: async (path, timeoutMs) => surfaceOf(await panelFrame(page, timeoutMs, path), page),
    hasFrame: async (path) => {
      for (const frame of page.frames()) {
        if (frame === page.mainFrame()) continue;
        const href = await frame.evaluate(() => location.href).catch(() => "");
        if (href.includes(`/${path}`)) return true;
      }
      return false;
    },
    content: () => page.content(),
    download: async (action) => {
      const before = new Set(readdirSync(session.downloads));
      await action();
      // Firefox writes into NAME.part beside an empty placeholder NAME, then renames: the file is
      // whole once no .part is left and NAME has content (so an empty download would time out here).
      const name = await eventually(
        async () => {
          const now = readdirSync(session.downloads);
          if (now.some((f) => f.endsWith(".part"))) return undefined;
          return now.find((f) => !before.has(f) && statSync(join(session.downloads, f)).size > 0);
        },
        (f) => f !== undefined,
        "the download",
        15_000,
      );
      return { name: name as string, content: readFileSync(join(session.downloads, name as string), "utf8") };
    },
    screenshot: async (path, options = {}) => {
      await page.screenshot({ path: path as `${string}.png`, ...options });
    },
    close: () => page.close(),
  };
}

export class PuppeteerDriver implements Driver {
  readonly browser = "firefox" as const;
  readonly tab: Tab;
  readonly shop: ShopAddresses;

  constructor(readonly session: FirefoxSession) {
    this.tab = tabOf(session.page, session);
    this.shop = shopAddresses(session.localShopUrl, CART_PATH, CHECKOUT_PATH);
  }

  async newTab(): Promise<Tab> {
    const page = await this.session.browser.newPage();
    await setViewport(page, { width: 1280, height: 900 });
    return tabOf(page, this.session);
  }
}
