/**
 * The popup: the link copied and read back from the clipboard (at once on
 * opening, from the stored copy), the wallet listed by expiry, the badge
 * counting expiring coupons, the monthly cap filled to 10 / 10 with the
 * warning for an eleventh referral, the keyboard alone; and each browser's
 * own way for the background to write the clipboard.
 * With STACKWISE_SCREENSHOTS=1 they also write docs/popup*.png.
 */
import { deepStrictEqual as deepEqual, ok, strictEqual } from "node:assert/strict";
import type { browser as Browser } from "wxt/browser";
import { css, eventually, type Key, label, role, testId } from "../driver/driver";
import { focused } from "../pages/a11y";
import { SHOP_LINK as LINK } from "../pages/popup";
import { chromiumOf } from "./native";
import { type Feature, type Pages, SCREENSHOTS, scenario } from "./scenario";

const OTHER = "https://s.click.aliexpress.com/e/_OtherLnk";

/** The popup as it opens (top of the scroll), and each of its cards whole, for review. */
async function shoot({ popup, screenshot }: Pages, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  await popup.ui.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    document.querySelector(".popup-main")?.scrollTo(0, 0);
  }, undefined);
  await screenshot(popup.ui, name);
  await popup.ui.screenshotEach(css(".card"), `test-results/cards/${name}`);
}

/** The focused control's accessible name and test id, or null when the focus is nowhere (on the body). */
const focusedControl = (pages: Pages) => focused(pages.popup.ui);

async function press(pages: Pages, key: Key): Promise<string> {
  await pages.popup.ui.press(key);
  const now = await focusedControl(pages);
  if (now === null) throw new Error(`${key} left the focus nowhere`);
  return now.name;
}

/** Presses Tab (or Shift+Tab) until `name` has the focus. */
async function tabTo(pages: Pages, name: string, key: "Tab" | "Shift+Tab" = "Tab"): Promise<void> {
  const stops: string[] = [];
  for (let i = 0; i < 40; i++) {
    stops.push(await press(pages, key));
    if (stops.at(-1) === name) return;
  }
  throw new Error(`${key} never reached "${name}": ${stops.join(" | ")}`);
}

const badgeText = (pages: Pages) =>
  pages.popup.ui.evaluate(() => {
    const g = globalThis as unknown as { browser?: typeof Browser; chrome?: typeof Browser };
    return ((g.browser ?? g.chrome) as typeof Browser).action.getBadgeText({});
  }, undefined);

export const popup: Feature = {
  name: "popup",
  scenarios: [
    scenario(
      "saving a link, then Copy referral link puts exactly that link on the clipboard",
      async (pages) => {
        const { popup } = pages;
        const ui = () => popup.ui;
        await popup.open();
        await ui().waitFor(testId("no-link"));
        strictEqual(await ui().disabled(role("button", "Copy referral link")), true);

        // Refused links say why and are never saved.
        for (const [bad, reason] of [
          ["javascript:alert(document.cookie)", "script-url"],
          ["data:text/html,<script>alert(1)</script>", "data-url"],
          ["http://s.click.aliexpress.com/e/_DkReF42", "not-https"],
          ["https://aliexpress.com.evil.example/e/_DkReF42", "lookalike-host"],
        ] as const) {
          await popup.saveLink(bad);
          await eventually(() => ui().attr(testId("add-link-form"), "data-refusal"), reason, "the refusal");
          await ui().waitFor(testId("link-input-error"));
        }
        strictEqual(await ui().count(testId("link-item")), 0);

        await popup.saveLink(LINK);
        await popup.hasDefaultLink(LINK);

        await popup.setClipboard("something else");
        await ui().click(role("button", "Copy referral link"));
        await eventually(() => ui().text(testId("copied")), "Copied", "the Copied notice");
        await eventually(() => ui().text(testId("copied-link")), LINK, "the copied link");
        strictEqual(await popup.clipboard(), LINK);

        // Opening the popup again copies at once, and says so.
        await popup.setClipboard("something else");
        await popup.open();
        await eventually(() => ui().text(testId("copied")), "Copied", "the Copied notice");
        strictEqual(await popup.clipboard(), LINK);

        // The share message carries the link; the QR code draws it.
        await ui().click(role("button", "Copy share message"));
        await eventually(async () => (await popup.clipboard()).includes(LINK), true, "the share message");
        await ui().click(role("button", "Show QR code"));
        await ui().waitFor(role("img", "QR code of your referral link"));
        await shoot(pages, "popup-qr");

        await ui().click(role("button", "Copy referral link"));
        await ui().click(role("button", /^(Show|Hide) QR code$/));
        await shoot(pages, "popup");
      },
    ),

    scenario(
      "the popup's first script loads its styles and modules, so that nothing is fetched beside it",
      async ({ popup }) => {
        // The toolbar's popup: its first script loads the modules and the styles.
        await popup.open();
        const toolbar = await popup.pageAssets();
        strictEqual(toolbar.firstScriptFirst, true, "the first script leads the page");
        ok(toolbar.namedModules.length > 0, "the modules named on its tag");
        ok(toolbar.namedStyles.length > 0, "the styles named on its tag");
        // Each named once, by the first script: the page's HTML named none of them itself.
        deepEqual(toolbar.moduleScripts, toolbar.namedModules, "the module scripts");
        deepEqual(
          toolbar.sheets,
          toolbar.namedStyles.map((href) => ({ href, blocking: "render", loaded: true })),
          "the style sheets",
        );
        // The popup's width is the styles' (src/ui/shared/styles.css), whatever the tab's.
        strictEqual(toolbar.bodyWidth, "380px", "the styles apply");

        // The expiry reminder's page: the modules the same way, the styles named in its HTML.
        await popup.open("#wallet");
        const reminder = await popup.pageAssets();
        strictEqual(reminder.firstScriptFirst, true, "the first script leads the reminder's page");
        deepEqual(reminder.namedModules, toolbar.namedModules, "the same modules");
        deepEqual(reminder.moduleScripts, reminder.namedModules, "its module scripts");
        deepEqual(reminder.namedStyles, [], "no styles for the first script to load");
        deepEqual(
          reminder.sheets,
          toolbar.namedStyles.map((href) => ({ href, blocking: null, loaded: true })),
          "the same style sheets, from its HTML",
        );
        strictEqual(reminder.bodyWidth, "380px", "the styles apply there too");
      },
    ),
    scenario("an expiring coupon is counted on the toolbar badge", async (pages) => {
      const { popup } = pages;
      await popup.open();
      await popup.showTab("Wallet");
      await popup.addCoupon({ amount: "3", days: 1 });
      await popup.ui.waitFor(testId("expiring-soon"));
      await eventually(() => badgeText(pages), "1", "the badge");
    }),

    scenario(
      "the background copies through its offscreen document",
      async (pages) => {
        const { context } = chromiumOf(pages.driver);
        const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
        await pages.popup.open();
        // The same round trip the toolbar menu and the shortcut make, from the worker itself.
        await sw.evaluate(async () => {
          const api = (globalThis as unknown as { chrome: typeof Browser }).chrome;
          await api.offscreen.createDocument({
            url: "offscreen.html",
            reasons: [api.offscreen.Reason.CLIPBOARD],
            justification: "test",
          });
          const answer = await api.runtime.sendMessage({
            stackwise: 1,
            name: "clipboard/write",
            payload: { text: "from the worker" },
          });
          await api.offscreen.closeDocument();
          if (!answer?.ok) throw new Error(JSON.stringify(answer));
        });
        strictEqual(await pages.popup.clipboard(), "from the worker");
      },
      {
        only: "chromium",
        because:
          "Chrome's MV3 background is a service worker without a document, so it copies through an offscreen document, which Firefox does not have (its background page copies by itself: the next scenario)",
      },
    ),

    scenario(
      "the background is a page that writes the clipboard itself: no offscreen document, no focus",
      async ({ popup }) => {
        await popup.open();
        await popup.setClipboard("something else");
        // What clipboardWriter() in src/background/wallet.ts decides on, and the write it then makes, in
        // the real background page. (The menu and the shortcut that start it cannot be pressed over BiDi.)
        const background = await popup.ui.evaluate(async () => {
          const api = (
            globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window> } } }
          ).browser;
          const bg = (await api.runtime.getBackgroundPage()) as Window & {
            browser?: { offscreen?: unknown };
          };
          const facts = {
            hasDocument: typeof bg.document !== "undefined",
            hasOffscreen: bg.browser?.offscreen !== undefined,
            focused: bg.document.hasFocus(),
          };
          await bg.navigator.clipboard.writeText("from the background page");
          return facts;
        }, undefined);
        ok(
          background.hasDocument && !background.hasOffscreen && !background.focused,
          JSON.stringify(background),
        );
        strictEqual(await popup.clipboard(), "from the background page");

        // The selection copy that copyText() falls back to, in the background's own document.
        const copied = await popup.ui.evaluate(async () => {
          const api = (
            globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window> } } }
          ).browser;
          const doc = (await api.runtime.getBackgroundPage()).document;
          const area = doc.createElement("textarea");
          area.value = "by selection in the background page";
          doc.body.append(area);
          area.select();
          const done = doc.execCommand("copy");
          area.remove();
          return done;
        }, undefined);
        strictEqual(copied, true);
        strictEqual(await popup.clipboard(), "by selection in the background page");
      },
      {
        only: "firefox",
        because:
          "Firefox's MV3 background is an event page with a document (runtime.getBackgroundPage); Chrome's is a service worker, which copies through an offscreen document (the scenario above)",
      },
    ),

    scenario("coupons are listed by expiry, expiring ones marked, used ones apart", async (pages) => {
      const { popup } = pages;
      const ui = () => popup.ui;
      await popup.open();
      await popup.showTab("Wallet");
      await ui().waitFor(testId("no-coupons"));

      const add = async (fields: Parameters<typeof popup.addCoupon>[0]) => {
        await popup.addCoupon({ minSpend: "20", ...fields });
        await eventually(() => ui().count(testId("coupon-form")), 0, "the form to close");
      };
      await add({ amount: "5", days: 20 });
      await add({ amount: "2", days: 40, kind: "store", store: "tech-store" });
      await add({ amount: "8", days: 1 });
      await add({ amount: "4", days: 10, kind: "promo", code: "SAVE4NOW" });

      // A promo coupon without its code is refused beside the field.
      await popup.addCoupon({ amount: "1", days: 3, kind: "promo" });
      await ui().waitFor(testId("coupon-code-error"));
      await shoot(pages, "popup-coupon-form");
      await ui().click(role("button", "Cancel"));

      await eventually(
        () => popup.faces(),
        ["$8.00 off", "$4.00 off", "$5.00 off", "$2.00 off"],
        "the faces",
      );
      const first = testId("coupon-item", { within: testId("coupons-active") });
      strictEqual(await ui().visible(testId("expiring-soon", { within: first })), true);
      strictEqual(await ui().count(testId("expiring-soon")), 1);

      await ui().select(label("Kind"), "store");
      await eventually(() => popup.faces(), ["$2.00 off"], "the store coupons");
      await ui().select(label("Kind"), "all");

      await ui().click(role("button", "Mark used: $5.00 off"));
      await eventually(
        () => ui().texts(testId("coupon-face", { within: testId("coupons-used") })),
        ["$5.00 off"],
        "the used coupons",
      );
      await eventually(() => popup.faces(), ["$8.00 off", "$4.00 off", "$2.00 off"], "the active coupons");
      await shoot(pages, "popup-wallet");

      // Where a click on an expiry reminder leads: the same page, opened on the wallet.
      await popup.open("#wallet");
      await eventually(() => ui().attr(popup.tab("Wallet"), "aria-selected"), "true", "the wallet tab");
      await eventually(() => popup.faces(), ["$8.00 off", "$4.00 off", "$2.00 off"], "the active coupons");
    }),

    scenario(
      "ten credited referrals show 10 / 10, and an eleventh first order is warned about",
      async (pages) => {
        const { popup } = pages;
        const ui = () => popup.ui;
        const { context } = chromiumOf(pages.driver);
        // Mid-month, so that a reward expected within 24 hours lands in this month.
        await context.clock.install({ time: new Date("2026-03-14T12:00:00Z") });
        await popup.open();
        await popup.showTab("Tracker");
        const capUsed = (text: string) => eventually(() => ui().text(testId("cap-used")), text, "the cap");
        await capUsed("0 / 10");

        for (let i = 1; i <= 10; i++) {
          await ui().fill(label("Friend's name"), `Friend ${i}`);
          await ui().click(role("button", "Record invitation"));
          await ui().click(role("button", `First order done: Friend ${i}`));
          await ui().click(role("button", `Reward arrived: Friend ${i}`));
          await capUsed(`${i} / 10`);
        }
        strictEqual(await ui().text(testId("cap-slots-left")), "0");
        strictEqual(await ui().text(testId("cap-earned")), "$50.00");
        strictEqual(await ui().attr(testId("cap-warning"), "data-level"), "over-cap");

        await ui().fill(label("Friend's name"), "Friend 11");
        await ui().click(role("button", "Record invitation"));
        await ui().click(role("button", "First order done: Friend 11"));
        await eventually(
          async () => (await ui().text(testId("cap-warning", { within: testId("confirm-order") }))) ?? "",
          (t) => t.includes("The cap for March 2026 is used up"),
          "the over-cap warning",
        );
        await capUsed("10 / 10");
        await shoot(pages, "popup-tracker");

        // Every credit put its reward coupon in the wallet.
        await popup.showTab("Wallet");
        await eventually(
          () => ui().count(testId("coupon-item", { within: testId("coupons-active") })),
          10,
          "the reward coupons",
        );

        // Recorded anyway, and 49 hours later the reward has not come: the checklist asks why.
        await popup.showTab("Tracker");
        await ui().click(role("button", "First order done: Friend 11"));
        await ui().click(role("button", "Record the order anyway"));
        await context.clock.setSystemTime(new Date("2026-03-16T13:30:00Z"));
        await popup.open();
        await popup.showTab("Tracker");
        await eventually(
          async () => (await ui().text(testId("chase"))) ?? "",
          (t) => t.includes("The reward is 49 hours late. What happened?"),
          "the chase checklist",
        );
        await shoot(pages, "popup-chase");
        await ui().check(label(/Monthly cap reached/, { within: testId("chase") }));
        await ui().click(role("button", "Record answer", { within: testId("chase") }));
        await eventually(
          () => ui().count(css('[data-testid="referral-item"][data-state="over-cap"]')),
          1,
          "the over-cap referral",
        );
        await eventually(() => ui().count(testId("chase")), 0, "the checklist to close");
      },
      {
        only: "chromium",
        because:
          "it moves the browser's clock (Playwright's context.clock) to a fixed month and 49 hours on; puppeteer has no clock for Firefox",
      },
    ),

    scenario(
      "keyboard alone: save a link with Enter, reach every part with Tab, move between tabs with the arrows",
      async (pages) => {
        const { popup } = pages;
        const ui = () => popup.ui;
        await popup.open();
        await ui().waitFor(testId("no-link"));
        await tabTo(pages, "Referral link or code");
        await ui().type(LINK);
        await ui().press("Enter");
        await popup.hasDefaultLink(LINK);

        // Reopened, the popup puts the focus on its main button.
        await popup.open();
        await eventually(async () => (await focusedControl(pages))?.testId ?? null, "copy-link", "the focus");
        if (pages.browser === "chromium") {
          // Enter on the focused button copies. Not in Firefox: a headless Firefox window never has the
          // system's focus, and without it Firefox turns no Enter or Space on a button into a click.
          await popup.setClipboard("something else");
          await ui().press("Enter");
          await eventually(() => popup.clipboard(), LINK, "the link copied by Enter");
        }
        await tabTo(pages, "Settings", "Shift+Tab");
        // Firefox also stops on the scrolling area around the tabs, so that the keyboard can scroll it.
        await tabTo(pages, "Referral");
        strictEqual(await press(pages, "ArrowRight"), "Wallet");
        await eventually(
          () => ui().attr(css('[role="tab"][aria-selected="true"]'), "data-testid"),
          "tab-wallet",
          "the wallet tab",
        );
        strictEqual(await press(pages, "ArrowRight"), "Tracker");
        await ui().waitFor(testId("cap-used"));
        strictEqual(await press(pages, "Home"), "Referral");
        strictEqual(await press(pages, "End"), "Tracker");
        strictEqual(await press(pages, "ArrowLeft"), "Wallet");
        // The wallet's contents load from IndexedDB; then Tab goes into them.
        await ui().waitFor(testId("add-coupon"));
        await tabTo(pages, "Add coupon");

        await tabTo(pages, "Wallet", "Shift+Tab");
        strictEqual(await press(pages, "ArrowLeft"), "Referral");
        await ui().waitFor(testId("copy-link"));
        await tabTo(pages, "Copy referral link");
      },
    ),

    scenario(
      "copy first: the opening copy comes from the stored copy, and follows a new default, a deletion and the setting",
      async ({ popup }) => {
        const ui = () => popup.ui;
        const reopen = async (hash = "") => {
          await popup.setClipboard("something else");
          await popup.open(hash);
        };
        const link = (value: string, control?: string) => {
          const item = testId("link-item", { hasText: value });
          return control === undefined ? item : testId(control, { within: item });
        };

        await popup.open();
        await popup.saveLink(LINK);
        await popup.hasDefaultLink(LINK);
        await reopen();
        deepEqual(await popup.earlyCopy(), { kind: "copied", text: LINK });
        strictEqual(await popup.clipboard(), LINK);
        await eventually(() => ui().text(testId("copied-link")), LINK, "the copied link");

        // A second link made the default: the next opening copies it, from the stored copy.
        await popup.saveLink(OTHER);
        await eventually(() => ui().count(testId("link-item")), 2, "two links");
        await ui().click(link(OTHER, "make-default"));
        await popup.hasDefaultLink(OTHER);
        await reopen();
        deepEqual(await popup.earlyCopy(), { kind: "copied", text: OTHER });
        strictEqual(await popup.clipboard(), OTHER);

        // The default deleted: the remaining link takes over; both deleted: nothing is copied.
        const deleteLink = async (value: string) => {
          await ui().click(link(value, "delete-link"));
          await ui().click(link(value, "confirm-delete-link"));
          await eventually(() => ui().count(link(value)), 0, `${value} deleted`);
        };
        await deleteLink(OTHER);
        await reopen();
        deepEqual(await popup.earlyCopy(), { kind: "copied", text: LINK });
        strictEqual(await popup.clipboard(), LINK);
        await deleteLink(LINK);
        await reopen();
        deepEqual(await popup.earlyCopy(), { kind: "none" });
        await ui().waitFor(testId("no-link"));
        strictEqual(await popup.clipboard(), "something else");

        // Setting off ("Stop copying on open"): nothing is copied on the next opening.
        await popup.saveLink(LINK);
        await popup.hasDefaultLink(LINK);
        await reopen();
        strictEqual(await popup.clipboard(), LINK);
        await ui().click(testId("stop-auto-copy"));
        await eventually(() => ui().count(testId("stop-auto-copy")), 0, "the setting saved");
        await reopen();
        deepEqual(await popup.earlyCopy(), { kind: "skipped" });
        await popup.hasDefaultLink(LINK);
        strictEqual(await popup.clipboard(), "something else");
      },
    ),

    scenario(
      "a popup opened on the wallet draws its last first screen at once, never one older than the wallet, and the background draws it again after a write elsewhere",
      async ({ popup, options }) => {
        const ui = () => popup.ui;
        /** A new opening on the wallet, from another document, as from the expiry reminder. */
        const reopen = async () => {
          await ui().goto("about:blank");
          await popup.open("#wallet");
          await eventually(() => ui().attr(popup.tab("Wallet"), "aria-selected"), "true", "the wallet tab");
        };
        await popup.open();
        await popup.showTab("Wallet");
        for (const [amount, days] of [
          ["5", 20],
          ["8", 2],
          ["3", 9],
        ] as const) {
          await popup.addCoupon({ amount, days, minSpend: "20" });
          await eventually(() => ui().count(testId("coupon-form")), 0, "the form to close");
        }
        const listed = ["$8.00 off", "$3.00 off", "$5.00 off"];
        await eventually(() => popup.faces(), listed, "the coupons");
        // The popup that wrote pictured its wallet again once it had read it again.
        await eventually(() => popup.keptPictureFaces(), listed, "the kept picture");
        await reopen();
        strictEqual(await popup.pictureDrawn(), true);
        await eventually(() => popup.faces(), listed, "the live coupons");
        strictEqual(await ui().count(css("#wallet-screen-copy")), 0);

        // A referral link saved leaves the wallet, and so its picture, as they were.
        const stamp = await popup.writeStamp();
        await popup.showTab("Referral");
        await popup.saveLink(LINK);
        await popup.hasDefaultLink(LINK);
        strictEqual(await popup.writeStamp(), stamp);
        await reopen();
        strictEqual(await popup.pictureDrawn(), true);

        // A coupon marked used here: the stamp moves, and this popup pictures the change.
        await eventually(() => popup.faces(), listed, "the live coupons");
        await ui().click(role("button", "Mark used: $3.00 off"));
        await eventually(() => popup.faces(), ["$8.00 off", "$5.00 off"], "the active coupons");
        await eventually(async () => (await popup.writeStamp()) !== stamp, true, "the stamp moved");
        await eventually(() => popup.keptPictureFaces(), ["$8.00 off", "$5.00 off"], "the picture again");
        await reopen();
        strictEqual(await popup.pictureDrawn(), true);
        await eventually(() => popup.faces(), ["$8.00 off", "$5.00 off"], "the live coupons");

        // A write elsewhere (a wallet imported in the options) while no popup is open: the
        // background draws the picture again from the database (src/background/wallet-picture.ts),
        // and the next opening draws that, the import on it.
        const before = await popup.writeStamp();
        await ui().goto("about:blank");
        await options.importWallet({
          coupons: [
            {
              id: "IMPORTED-10",
              kind: "platform",
              // A store: its filter's choice is drawn as this browser draws it.
              storeId: "Zeta",
              off: 1000,
              minSpend: 4000,
              expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
              status: "active",
            },
          ],
          points: [],
        });
        // (Read from a popup on the tracker, which takes no picture: the stamp moves just after
        // the import commits, and a popup opened in between would still draw the old picture for
        // the moment its live screen takes to come.)
        await popup.open("#tracker");
        await eventually(async () => (await popup.writeStamp()) !== before, true, "the stamp moved");
        const imported = ["$10.00 off", "$8.00 off", "$5.00 off"];
        await eventually(() => popup.keptPictureFaces(), imported, "the background's picture");
        const redrawn = await popup.keptPicture();
        await reopen();
        strictEqual(await popup.pictureDrawn(), true);
        await eventually(() => popup.faces(), imported, "the live coupons");
        // What the background drew is what this browser's popup pictures of its own live screen.
        await popup.markKeptPicture();
        await popup.showTab("Tracker");
        await popup.showTab("Wallet");
        await eventually(
          async () => (await popup.keptPicture())?.stamp !== undefined,
          true,
          "the popup's picture",
        );
        deepEqual((await popup.keptPicture())?.screen, redrawn?.screen);
      },
    ),

    scenario(
      "copy first: a popup opened from the expiry reminder (#wallet) copies nothing",
      async ({ popup }) => {
        const ui = () => popup.ui;
        await popup.open();
        await popup.saveLink(LINK);
        await popup.hasDefaultLink(LINK);
        await popup.setClipboard("something else");
        // From another document, so that the hash is a new opening rather than a jump within the page.
        await ui().goto("about:blank");
        await popup.open("#wallet");
        await eventually(() => ui().attr(popup.tab("Wallet"), "aria-selected"), "true", "the wallet tab");
        deepEqual(await popup.earlyCopy(), { kind: "skipped" });
        await popup.showTab("Referral");
        await popup.hasDefaultLink(LINK);
        strictEqual(await popup.clipboard(), "something else");
      },
    ),
  ],
};
