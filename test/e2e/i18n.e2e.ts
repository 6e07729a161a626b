/**
 * Stackwise in Brazilian Portuguese: Chromium started with its interface in
 * pt-BR shows the popup and the panel from the pt_BR catalogue, reads and
 * prints reais the Brazilian way ("R$ 1.234,56"), dates in Portuguese, and
 * words the wallet's and the link check's refusals in Portuguese too.
 *
 * `--lang=pt-BR` makes Chromium pick the extension's pt_BR catalogue, as a
 * browser set to Portuguese does; the pages' locale (what
 * `i18n.getUILanguage()` and `navigator.language` report) is Playwright's
 * emulated one, set to pt-BR too. Debian's Chromium without its
 * `chromium-l10n` resources would otherwise report en-US.
 *
 * Build first: `npx wxt build && npx playwright test test/e2e/i18n.e2e.ts`.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { formatMoney } from "../../src/core/money";
import { expectedCart, loadScenario } from "../fixtures/shop/scenarios";
import { SHOP_HOSTS } from "../fixtures/shop/server";
import { test as base, CHROMIUM_FLAGS, EXTENSION_DIR, expect, hostResolverRules } from "./support/extension";
import { assertNothingLeft, netLogArgs } from "./support/network";
import { expectedResult, importWallet, panelFrame, seedScenario, walletAtNow } from "./support/panel";

const portuguese = JSON.parse(readFileSync("public/_locales/pt_BR/messages.json", "utf8")) as Record<
  string,
  { message: string }
>;
const pt = (key: string) => {
  const text = portuguese[key]?.message;
  if (text === undefined) throw new Error(`no pt_BR message ${key}`);
  return text;
};

const test = base.extend({
  // The shared fixture's browser, with its interface in Brazilian Portuguese.
  context: async ({ chromiumPath, shopServer }, use) => {
    const userDataDir = mkdtempSync(join(tmpdir(), "stackwise-e2e-pt-"));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      ignoreHTTPSErrors: true,
      // Pages report the browser's language through the locale Playwright Test emulates (en-US unless told).
      locale: "pt-BR",
      args: [
        ...CHROMIUM_FLAGS,
        "--lang=pt-BR",
        `--host-resolver-rules=${hostResolverRules(shopServer.port)}`,
        "--ignore-certificate-errors",
        ...netLogArgs(userDataDir),
        `--disable-extensions-except=${EXTENSION_DIR}`,
        `--load-extension=${EXTENSION_DIR}`,
      ],
    });
    try {
      await use(context);
      await context.close();
      assertNothingLeft(userDataDir, SHOP_HOSTS);
    } finally {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  },
});

/** Money and dates as the popup and panel must print them, by Node's Intl in pt-BR. */
const reais = (cents: number) => formatMoney(cents, "BRL", "pt-BR");
const dateTimePtBr = (iso: string) =>
  new Intl.DateTimeFormat("pt-BR", { dateStyle: "medium", timeStyle: "short" }).format(Date.parse(iso));

test("the popup speaks Brazilian Portuguese: labels, reais, dates and the form's own refusals", async ({
  context,
  page,
  extensionId,
}) => {
  // The scenario's coupons take the cart's currency; away from a cart the popup needs it written down.
  const scenario = loadScenario("brl");
  const atNow = walletAtNow(scenario);
  const wallet = { ...atNow, coupons: atNow.coupons.map((c) => ({ ...c, currency: "BRL" })) };
  await importWallet(context, extensionId, wallet);

  await page.setViewportSize({ width: 380, height: 600 });
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(page.getByRole("tab", { name: pt("tabReferral") })).toBeVisible();
  expect(
    await page.evaluate(() =>
      (
        globalThis as unknown as { chrome: { i18n: { getUILanguage(): string } } }
      ).chrome.i18n.getUILanguage(),
    ),
  ).toBe("pt-BR");
  expect(await page.evaluate(() => document.documentElement.lang)).toBe("pt-BR");
  await expect(page.getByRole("button", { name: pt("copyReferralLink") })).toBeVisible();

  // A refused link, worded by the link check in Portuguese.
  await page.getByLabel(pt("linkInputLabel")).fill("http://aliexpress.com/convite");
  await page.getByRole("button", { name: pt("saveLink") }).click();
  await expect(page.getByTestId("link-input-error")).toHaveText(pt("link_http"));

  // The wallet: each BRL coupon's face and expiry as pt-BR prints them.
  await page.getByRole("tab", { name: pt("tabWallet") }).click();
  const fixed = wallet.coupons.filter((c) => c.off !== undefined && c.currency === "BRL");
  expect(fixed.length).toBeGreaterThan(0);
  // The list loads from IndexedDB after the tab shows: wait for every coupon before reading them.
  await expect(page.getByTestId("coupon-face")).toHaveCount(wallet.coupons.length);
  const faces = await page.getByTestId("coupon-face").allTextContents();
  for (const c of fixed) expect(faces).toContain(pt("couponOff").replace("$AMOUNT$", reais(c.off ?? 0)));
  expect(faces.join(" ")).toContain("R$\u00a0");
  const first = fixed[0];
  const item = page.locator(`[data-coupon-id="${first?.id}"]`);
  await expect(item.getByTestId("coupon-expiry")).toContainText(dateTimePtBr(first?.expiresAt ?? ""));

  // A new coupon typed the Brazilian way: "5,50" reais.
  await page.getByRole("button", { name: pt("addCoupon") }).click();
  await page.getByRole("button", { name: pt("saveCoupon") }).click();
  await expect(page.getByTestId("coupon-expiry-error")).toHaveText(pt("wallet_expiryMissing"));
  await page.getByLabel(pt("amountLabel"), { exact: true }).fill("5,50");
  await page.getByLabel(pt("currencyLabel"), { exact: true }).fill("BRL");
  await page.getByLabel(pt("expiryDateLabel"), { exact: true }).fill("2030-12-31");
  await page.getByRole("button", { name: pt("saveCoupon") }).click();
  await expect(page.getByTestId("coupon-face").filter({ hasText: reais(550) })).toHaveText(
    pt("couponOff").replace("$AMOUNT$", reais(550)),
  );
});

test("the panel speaks Brazilian Portuguese and prints the cart's reais the Brazilian way", async ({
  context,
  page,
  shop,
  extensionId,
}) => {
  const { scenario, wallet } = await seedScenario(context, extensionId, "brl");
  const result = expectedResult({ scenario, cart: expectedCart(scenario), wallet, maxOrders: 2 });
  expect(result.currency).toBe("BRL");

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(shop.cartUrl("brl", { host: "pt.aliexpress.com", delay: 60, opDelay: 40 }));
  const frame = await panelFrame(page, extensionId);
  await expect(frame.getByTestId("stack-total")).toHaveAttribute("data-cents", String(result.total));
  await expect(frame.getByTestId("stack-total")).toHaveText(reais(result.total));
  expect(reais(result.total)).toMatch(/^R\$\u00a0\d{1,3}(\.\d{3})*,\d{2}$/);
  await expect(frame.getByRole("heading", { level: 1 })).toHaveText(pt("panel_heading"));
  await expect(frame.getByText(pt("panel_youPay"), { exact: true })).toBeVisible();
  await expect(frame.getByTestId("stack-savings")).toHaveText(
    pt("panel_savings").replace("$AMOUNT$", reais(result.savings)),
  );
  expect(await frame.evaluate(() => document.documentElement.lang)).toBe("pt-BR");
  await expect(frame.getByTestId("panel-announcement")).toHaveText(
    pt("panel_announceTotal").replace("$AMOUNT$", reais(result.total)),
  );
  await expect(frame.getByRole("button", { name: pt("panel_placed") }).first()).toBeVisible();
});
