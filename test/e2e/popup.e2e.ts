/**
 * The popup in Debian's Chromium with the built extension loaded: the link
 * copied and read back from the clipboard, the wallet listed by expiry, the
 * monthly cap filled to 10 / 10 with the warning for an eleventh referral,
 * and the badge and offscreen clipboard of the background.
 *
 * Build first: `npx wxt build && npx playwright test test/e2e/popup.e2e.ts`.
 * With STACKWISE_SCREENSHOTS=1 the tests also write docs/popup*.png.
 */
import type { BrowserContext, Locator, Page, Worker } from "@playwright/test";
import type { browser } from "wxt/browser";
import { expect, test } from "./support/extension";

const LINK = "https://s.click.aliexpress.com/e/_DkReF42";
const SCREENSHOTS = process.env.STACKWISE_SCREENSHOTS === "1";

async function openPopup(page: Page, extensionId: string): Promise<void> {
  // The toolbar popup is 380 px wide; a tab of that size renders the same page.
  await page.setViewportSize({ width: 380, height: 600 });
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(page.getByRole("tab", { name: "Referral" })).toBeVisible();
}

/**
 * The popup as it opens (top of the scroll) or scrolled to `part`, and each of
 * its cards whole, for review.
 */
async function screenshot(page: Page, name: string, part?: Locator): Promise<void> {
  if (!SCREENSHOTS) return;
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    document.querySelector(".popup-main")?.scrollTo(0, 0);
  });
  await part?.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `docs/${name}.png` });
  const cards = page.locator(".card");
  for (let i = 0; i < (await cards.count()); i++)
    await cards.nth(i).screenshot({ path: `test-results/cards/${name}-${i}.png` });
}

async function saveLink(page: Page, link: string): Promise<void> {
  await page.getByLabel("Referral link or code").fill(link);
  await page.getByRole("button", { name: "Save link" }).click();
}

async function worker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
}

/** A local date "YYYY-MM-DD" some days from now, as the date input wants it. */
function inDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

test("saving a link, then Copy referral link puts exactly that link on the clipboard", async ({
  page,
  extensionId,
}) => {
  await openPopup(page, extensionId);
  await expect(page.getByTestId("no-link")).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy referral link" })).toBeDisabled();

  // Refused links say why and are never saved.
  for (const [bad, reason] of [
    ["javascript:alert(document.cookie)", "script-url"],
    ["data:text/html,<script>alert(1)</script>", "data-url"],
    ["http://s.click.aliexpress.com/e/_DkReF42", "not-https"],
    ["https://aliexpress.com.evil.example/e/_DkReF42", "lookalike-host"],
  ] as const) {
    await saveLink(page, bad);
    await expect(page.getByTestId("add-link-form")).toHaveAttribute("data-refusal", reason);
    await expect(page.getByTestId("link-input-error")).toBeVisible();
  }
  await expect(page.getByTestId("link-item")).toHaveCount(0);

  await saveLink(page, LINK);
  await expect(page.getByTestId("default-link")).toHaveText(LINK);

  await page.evaluate(() => navigator.clipboard.writeText("something else"));
  await page.getByRole("button", { name: "Copy referral link" }).click();
  await expect(page.getByText("Copied", { exact: true })).toBeVisible();
  await expect(page.getByTestId("copied-link")).toHaveText(LINK);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(LINK);

  // Opening the popup again copies at once, and says so.
  await page.evaluate(() => navigator.clipboard.writeText("something else"));
  await openPopup(page, extensionId);
  await expect(page.getByText("Copied", { exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(LINK);

  // The share message carries the link; the QR code draws it.
  await page.getByRole("button", { name: "Copy share message" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(LINK);
  await page.getByRole("button", { name: "Show QR code" }).click();
  await expect(page.getByRole("img", { name: "QR code of your referral link" })).toBeVisible();
  await screenshot(page, "popup-qr");

  await page.getByRole("button", { name: "Copy referral link" }).click();
  await page
    .getByRole("button", { name: "Show QR code" })
    .or(page.getByRole("button", { name: "Hide QR code" }))
    .click();
  await screenshot(page, "popup");
});

test("the background copies through its offscreen document and counts expiring coupons on the badge", async ({
  page,
  context,
  extensionId,
}) => {
  const sw = await worker(context);
  await openPopup(page, extensionId);
  // The same round trip the toolbar menu and the shortcut make, from the worker itself.
  await sw.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: typeof browser }).chrome;
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
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("from the worker");

  const badge = () =>
    sw.evaluate(() => (globalThis as unknown as { chrome: typeof browser }).chrome.action.getBadgeText({}));
  await page.getByRole("tab", { name: "Wallet" }).click();
  await page.getByRole("button", { name: "Add coupon" }).click();
  await page.getByLabel("Amount off").fill("3");
  await page.getByLabel("Expiry date").fill(inDays(1));
  await page.getByRole("button", { name: "Save coupon" }).click();
  await expect(page.getByTestId("expiring-soon")).toBeVisible();
  await expect.poll(badge).toBe("1");
});

test("coupons are listed by expiry, expiring ones marked, used ones apart", async ({ page, extensionId }) => {
  await openPopup(page, extensionId);
  await page.getByRole("tab", { name: "Wallet" }).click();
  await expect(page.getByTestId("no-coupons")).toBeVisible();

  const add = async (amount: string, days: number, extra?: () => Promise<void>) => {
    await page.getByRole("button", { name: "Add coupon" }).click();
    await page.getByLabel("Amount off").fill(amount);
    await page.getByLabel("Minimum spend").fill("20");
    await page.getByLabel("Expiry date").fill(inDays(days));
    await extra?.();
    await page.getByRole("button", { name: "Save coupon" }).click();
    await expect(page.getByTestId("coupon-form")).toHaveCount(0);
  };
  await add("5", 20);
  await add("2", 40, async () => {
    await page.getByLabel("Kind").selectOption("store");
    await page.getByLabel("Store", { exact: true }).fill("tech-store");
  });
  await add("8", 1);
  await add("4", 10, async () => {
    await page.getByLabel("Kind").selectOption("promo");
    await page.getByLabel("Code", { exact: true }).fill("SAVE4NOW");
  });

  // A promo coupon without its code is refused beside the field.
  await page.getByRole("button", { name: "Add coupon" }).click();
  await page.getByLabel("Kind").selectOption("promo");
  await page.getByLabel("Amount off").fill("1");
  await page.getByLabel("Expiry date").fill(inDays(3));
  await page.getByRole("button", { name: "Save coupon" }).click();
  await expect(page.getByTestId("coupon-code-error")).toBeVisible();
  await screenshot(page, "popup-coupon-form");
  await page.getByRole("button", { name: "Cancel" }).click();

  const faces = page.getByTestId("coupons-active").getByTestId("coupon-face");
  await expect(faces).toHaveText(["$8.00 off", "$4.00 off", "$5.00 off", "$2.00 off"]);
  const first = page.getByTestId("coupons-active").getByTestId("coupon-item").first();
  await expect(first.getByTestId("expiring-soon")).toBeVisible();
  await expect(page.getByTestId("expiring-soon")).toHaveCount(1);

  await page.getByLabel("Kind").selectOption("store");
  await expect(faces).toHaveText(["$2.00 off"]);
  await page.getByLabel("Kind").selectOption("all");

  await page.getByRole("button", { name: "Mark used: $5.00 off" }).click();
  await expect(page.getByTestId("coupons-used").getByTestId("coupon-face")).toHaveText(["$5.00 off"]);
  await expect(faces).toHaveText(["$8.00 off", "$4.00 off", "$2.00 off"]);
  await screenshot(page, "popup-wallet");

  // Where a click on an expiry reminder leads: the same page, opened on the wallet.
  await page.goto(`chrome-extension://${extensionId}/popup.html#wallet`);
  await expect(page.getByRole("tab", { name: "Wallet" })).toHaveAttribute("aria-selected", "true");
  await expect(faces).toHaveText(["$8.00 off", "$4.00 off", "$2.00 off"]);
});

test("ten credited referrals show 10 / 10, and an eleventh first order is warned about", async ({
  page,
  context,
  extensionId,
}) => {
  // Mid-month, so that a reward expected within 24 hours lands in this month.
  await context.clock.install({ time: new Date("2026-03-14T12:00:00Z") });
  await openPopup(page, extensionId);
  await page.getByRole("tab", { name: "Tracker" }).click();
  await expect(page.getByTestId("cap-used")).toHaveText("0 / 10");

  for (let i = 1; i <= 10; i++) {
    await page.getByLabel("Friend's name").fill(`Friend ${i}`);
    await page.getByRole("button", { name: "Record invitation" }).click();
    await page.getByRole("button", { name: `First order done: Friend ${i}` }).click();
    await page.getByRole("button", { name: `Reward arrived: Friend ${i}` }).click();
    await expect(page.getByTestId("cap-used")).toHaveText(`${i} / 10`);
  }
  await expect(page.getByTestId("cap-used")).toHaveText("10 / 10");
  await expect(page.getByTestId("cap-slots-left")).toHaveText("0");
  await expect(page.getByTestId("cap-earned")).toHaveText("$50.00");
  await expect(page.getByTestId("cap-warning")).toHaveAttribute("data-level", "over-cap");

  await page.getByLabel("Friend's name").fill("Friend 11");
  await page.getByRole("button", { name: "Record invitation" }).click();
  await page.getByRole("button", { name: "First order done: Friend 11" }).click();
  const confirm = page.getByTestId("confirm-order");
  await expect(confirm.getByTestId("cap-warning")).toContainText("The cap for March 2026 is used up");
  await expect(page.getByTestId("cap-used")).toHaveText("10 / 10");
  await screenshot(page, "popup-tracker");

  // Every credit put its reward coupon in the wallet.
  await page.getByRole("tab", { name: "Wallet" }).click();
  await expect(page.getByTestId("coupons-active").getByTestId("coupon-item")).toHaveCount(10);

  // Recorded anyway, and 49 hours later the reward has not come: the checklist asks why.
  await page.getByRole("tab", { name: "Tracker" }).click();
  await page.getByRole("button", { name: "First order done: Friend 11" }).click();
  await page.getByRole("button", { name: "Record the order anyway" }).click();
  await context.clock.setSystemTime(new Date("2026-03-16T13:30:00Z"));
  await openPopup(page, extensionId);
  await page.getByRole("tab", { name: "Tracker" }).click();
  const chase = page.getByTestId("chase");
  await expect(chase).toContainText("The reward is 49 hours late. What happened?");
  await screenshot(page, "popup-chase", chase);
  await chase.getByLabel(/Monthly cap reached/).check();
  await chase.getByRole("button", { name: "Record answer" }).click();
  await expect(page.locator('[data-testid="referral-item"][data-state="over-cap"]')).toHaveCount(1);
  await expect(page.getByTestId("chase")).toHaveCount(0);
});

test("keyboard alone: tabs with arrow keys, and Enter on the focused copy button", async ({
  page,
  extensionId,
}) => {
  await openPopup(page, extensionId);
  await saveLink(page, LINK);
  await openPopup(page, extensionId);
  await expect(page.getByRole("button", { name: "Copy referral link" })).toBeFocused();
  await page.evaluate(() => navigator.clipboard.writeText("something else"));
  await page.keyboard.press("Enter");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(LINK);

  await page.getByRole("tab", { name: "Referral" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Wallet" })).toBeFocused();
  await expect(page.getByRole("tab", { name: "Wallet" })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("cap-used")).toBeVisible();
});

/** What the popup's first script did before its modules loaded (src/ui/popup/copyFirst.ts). */
const earlyCopy = (page: Page) =>
  page.evaluate(() => (window as unknown as { __stackwiseEarlyCopy: Promise<unknown> }).__stackwiseEarlyCopy);

test("copy first: the opening copy comes from the stored copy, and follows a new default, a deletion and the setting", async ({
  page,
  extensionId,
}) => {
  const OTHER = "https://s.click.aliexpress.com/e/_OtherLnk";
  const reopen = async (hash = "") => {
    await page.evaluate(() => navigator.clipboard.writeText("something else"));
    await page.goto(`chrome-extension://${extensionId}/popup.html${hash}`);
    await expect(page.getByRole("tab", { name: "Referral" })).toBeVisible();
  };
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

  await openPopup(page, extensionId);
  await saveLink(page, LINK);
  await reopen();
  expect(await earlyCopy(page)).toEqual({ kind: "copied", text: LINK });
  expect(await clipboard()).toBe(LINK);
  await expect(page.getByTestId("copied-link")).toHaveText(LINK);

  // A second link made the default: the next opening copies it, from the stored copy.
  await saveLink(page, OTHER);
  await page.getByTestId("link-item").filter({ hasText: OTHER }).getByTestId("make-default").click();
  await expect(page.getByTestId("default-link")).toHaveText(OTHER);
  await reopen();
  expect(await earlyCopy(page)).toEqual({ kind: "copied", text: OTHER });
  expect(await clipboard()).toBe(OTHER);

  // The default deleted: the remaining link takes over; both deleted: nothing is copied.
  const deleteLink = async (value: string) => {
    const item = page.getByTestId("link-item").filter({ hasText: value });
    await item.getByTestId("delete-link").click();
    await item.getByTestId("confirm-delete-link").click();
    await expect(page.getByTestId("link-item").filter({ hasText: value })).toHaveCount(0);
  };
  await deleteLink(OTHER);
  await reopen();
  expect(await earlyCopy(page)).toEqual({ kind: "copied", text: LINK });
  expect(await clipboard()).toBe(LINK);
  await deleteLink(LINK);
  await reopen();
  expect(await earlyCopy(page)).toEqual({ kind: "none" });
  await expect(page.getByTestId("no-link")).toBeVisible();
  expect(await clipboard()).toBe("something else");

  // Setting off ("Stop copying on open"): nothing is copied on the next opening.
  await saveLink(page, LINK);
  await reopen();
  expect(await clipboard()).toBe(LINK);
  await page.getByTestId("stop-auto-copy").click();
  await expect(page.getByTestId("stop-auto-copy")).toHaveCount(0);
  await reopen();
  expect(await earlyCopy(page)).toEqual({ kind: "skipped" });
  await expect(page.getByTestId("default-link")).toHaveText(LINK);
  expect(await clipboard()).toBe("something else");
});

test("copy first: a popup opened from the expiry reminder (#wallet) copies nothing", async ({
  page,
  extensionId,
}) => {
  await openPopup(page, extensionId);
  await saveLink(page, LINK);
  await page.evaluate(() => navigator.clipboard.writeText("something else"));
  // From another document, so that the hash is a new opening rather than a jump within the page.
  await page.goto("about:blank");
  await page.goto(`chrome-extension://${extensionId}/popup.html#wallet`);
  await expect(page.getByRole("tab", { name: "Wallet" })).toHaveAttribute("aria-selected", "true");
  expect(await earlyCopy(page)).toEqual({ kind: "skipped" });
  await page.getByRole("tab", { name: "Referral" }).click();
  await expect(page.getByTestId("default-link")).toHaveText(LINK);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("something else");
});
