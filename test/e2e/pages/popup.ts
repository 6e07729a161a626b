/**
 * The toolbar popup (popup.html), opened as a tab of the popup's size: its
 * three tabs, the referral link and its copy, the wallet's coupons, and the
 * clipboard as the popup's own document reads it.
 */
import type { Coupon } from "../../../optimizer/schema";
import { PICTURE_DRAWN, SCREEN_COPY_KEY, WRITE_STAMP_STORAGE_KEY } from "../../../src/ui/popup/earlyScreen";
import { FIRST_SCRIPT_SRC } from "../../../src/ui/popup/laterAssets";
import { css, type Driver, eventually, role, type Tab, testId } from "../driver/driver";

export const SHOP_LINK = "https://s.click.aliexpress.com/e/_DkReF42";

/** A local date "YYYY-MM-DD" some days from now, as the date input wants it. */
export function inDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export interface CouponFields {
  amount: string;
  days: number;
  minSpend?: string;
  kind?: "store" | "promo";
  store?: string;
  code?: string;
}

export class PopupPage {
  constructor(
    private readonly driver: Driver,
    /** The tab the popup shows in (the first tab unless opened in a new one). */
    public ui: Tab = driver.tab,
  ) {}

  /**
   * Opens the popup (a fresh document: an opening, as from the toolbar) at `hash` ("", "#wallet").
   * "#wallet" opens it as the expiry reminder does: `wallet.html#wallet` (WALLET_PAGE in
   * src/background/wallet.ts), the same popup with its styles named in its HTML.
   */
  async open(hash = "", size = { width: 380, height: 600 }): Promise<void> {
    // The toolbar popup is 380 px wide; a tab of that size renders the same page.
    await this.ui.setViewport(size.width, size.height);
    const page = hash === "#wallet" ? "wallet.html" : "popup.html";
    await this.ui.openExtension(`${page}${hash}`, css('[role="tab"]'));
  }

  /** Opens the popup in a tab of its own, leaving the current one (a shop page) as it is. */
  async openInNewTab(hash = ""): Promise<void> {
    this.ui = await this.driver.newTab();
    await this.open(hash);
  }

  tab = (name: "Referral" | "Wallet" | "Tracker") => role("tab", name);

  async showTab(name: "Referral" | "Wallet" | "Tracker"): Promise<void> {
    await this.ui.click(this.tab(name));
  }

  async saveLink(link: string): Promise<void> {
    await this.ui.fill(role("textbox", "Referral link or code"), link);
    await this.ui.click(role("button", "Save link"));
  }

  defaultLink = (): Promise<string | null> => this.ui.text(testId("default-link"));

  async hasDefaultLink(link: string): Promise<void> {
    await eventually(() => this.defaultLink(), link, "the default link");
  }

  clipboard = (): Promise<string> => this.ui.evaluate(() => navigator.clipboard.readText(), undefined);

  setClipboard = async (text: string): Promise<void> => {
    await this.ui.evaluate((t) => navigator.clipboard.writeText(t), text);
  };

  /** What the popup's first script did before its modules loaded (src/ui/popup/copyFirst.ts). */
  earlyCopy = (): Promise<unknown> =>
    this.ui.evaluate(
      () => (window as unknown as { __stackwiseEarlyCopy: Promise<unknown> }).__stackwiseEarlyCopy,
      undefined,
    );

  /** Whether this opening's first script drew the picture of the wallet's first screen (src/ui/popup/earlyScreen.ts). */
  pictureDrawn = (): Promise<boolean> =>
    this.ui.evaluate((mark) => performance.getEntriesByName(mark).length > 0, PICTURE_DRAWN);

  /**
   * How this opening got its styles and modules: what the first script's tag names
   * (src/ui/popup/laterAssets.ts), what the page holds, and whether the styles apply.
   */
  pageAssets = () =>
    this.ui.evaluate((src) => {
      const first = document.querySelector(`script[src="${src}"]`);
      return {
        firstScriptFirst: first !== null && document.scripts[0] === first,
        namedModules: (first?.getAttribute("data-modules") ?? "").split(" ").filter(Boolean),
        namedStyles: (first?.getAttribute("data-styles") ?? "").split(" ").filter(Boolean),
        moduleScripts: [...document.querySelectorAll('script[type="module"]')].map((e) =>
          e.getAttribute("src"),
        ),
        sheets: [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].map((e) => ({
          href: e.getAttribute("href"),
          blocking: e.getAttribute("blocking"),
          loaded: e.sheet !== null,
        })),
        bodyWidth: getComputedStyle(document.body).width,
      };
    }, FIRST_SCRIPT_SRC);

  /** `storage.local`'s value at `key`, as JSON ("null" when absent), read in the extension's own page. */
  private stored = (key: string): Promise<string> =>
    this.ui.evaluate((k) => {
      type Local = { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
      const g = globalThis as unknown as { browser?: Local; chrome: Local };
      return (g.browser ?? g.chrome).storage.local.get(k).then((s) => JSON.stringify(s[k] ?? null));
    }, key);

  /** The kept picture of the wallet's first screen as stored (null when none), and a way to mark it. */
  keptPicture = async (): Promise<{ stamp?: string | null; screen?: unknown } | null> =>
    JSON.parse(await this.stored(SCREEN_COPY_KEY));

  /** Replaces the kept picture with a placeholder, to see the next one taken. */
  markKeptPicture = (): Promise<void> =>
    this.ui.evaluate((k) => {
      type Local = { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } };
      const g = globalThis as unknown as { browser?: Local; chrome: Local };
      return (g.browser ?? g.chrome).storage.local.set({ [k]: { version: 0, marked: true } });
    }, SCREEN_COPY_KEY);

  /** The stamp every committed write to the wallet's tables moves (src/storage/writeStamp.ts). */
  writeStamp = async (): Promise<string | null> => JSON.parse(await this.stored(WRITE_STAMP_STORAGE_KEY));

  /**
   * The coupon faces in the kept picture of the wallet's first screen, in order; null when none
   * is kept that the next opening would draw. A popup may picture a read that began before its
   * last write's stamp moved (a list shown again as a form closes): such a picture carries the
   * older stamp, is never drawn, and is soon replaced by the read after the write.
   */
  keptPictureFaces = async (): Promise<string[] | null> => {
    const kept = JSON.parse(await this.stored(SCREEN_COPY_KEY)) as {
      screen?: unknown;
      stamp?: string;
    } | null;
    if (kept === null || kept.stamp !== (await this.writeStamp())) return null;
    const faces: string[] = [];
    const walk = (node: unknown): void => {
      if (!Array.isArray(node)) return;
      const [, attributes, ...children] = node as [string, Record<string, string>, ...unknown[]];
      if (attributes.class === "coupon-face") faces.push(children.join("").trim());
      else children.forEach(walk);
    };
    walk(kept.screen);
    return faces;
  };

  /** The active coupons' faces ("$5.00 off"), in the order listed. */
  faces = (): Promise<string[]> => this.ui.texts(testId("coupon-face", { within: testId("coupons-active") }));

  async addCoupon(c: CouponFields): Promise<void> {
    await this.ui.click(role("button", "Add coupon"));
    if (c.kind) await this.ui.select({ label: "Kind", within: testId("coupon-form") }, c.kind);
    await this.ui.fill({ label: "Amount off" }, c.amount);
    if (c.minSpend !== undefined) await this.ui.fill({ label: "Minimum spend" }, c.minSpend);
    await this.ui.fill({ label: "Expiry date" }, inDays(c.days));
    if (c.store !== undefined) await this.ui.fill({ label: "Store", exact: true }, c.store);
    if (c.code !== undefined) await this.ui.fill({ label: "Code", exact: true }, c.code);
    await this.ui.click(role("button", "Save coupon"));
  }

  /** Pastes a block of copied coupon text and waits for the review. */
  async pasteCoupons(text: string): Promise<void> {
    await this.ui.click(role("button", "Paste coupons"));
    await this.ui.waitFor(testId("paste-text"));
    await this.ui.paste(testId("paste-text"), text);
    await this.ui.click(role("button", "Read coupons"));
    await this.ui.waitFor(testId("paste-review"));
  }

  /** The wallet's coupons as stored, read in the extension's own page. */
  storedCoupons = (): Promise<(Coupon & { source?: string })[]> =>
    this.ui.evaluate(
      () =>
        new Promise<(Coupon & { source?: string })[]>((resolve, reject) => {
          const open = indexedDB.open("stackwise");
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const read = open.result.transaction("coupons").objectStore("coupons").getAll();
            read.onsuccess = () => {
              open.result.close();
              resolve(read.result);
            };
            read.onerror = () => reject(read.error);
          };
        }),
      undefined,
    );
}
