/**
 * Import tax from the page's own word (issue 13), in Debian's Chromium on the test build:
 * a BRL checkout's tax lines (the demo checkout charges Brazil's rule per package at its
 * own hidden rate, US$0.1843 per R$1) calibrate the exchange rate, which the cart's panel
 * then uses and names the source of; and the page's ship-to country (the site cookie's
 * `region`) wins over the options' country, in words.
 *
 * Build first: `STACKWISE_TEST_BUILD=1 npx wxt build && npx playwright test test/e2e/tax-calibrate.e2e.ts`.
 */
import type { BrowserContext, Page } from "@playwright/test";
import { optimize } from "../../optimizer";
import type { Wallet } from "../../optimizer/schema";
import { expectedCart, loadScenario, type Scenario } from "../fixtures/shop/scenarios";
import { expect, test, waitForDemoCart } from "./support/extension";
import { centsOf, importWallet, panelFrame, walletAtNow } from "./support/panel";

async function setDestination(
  page: Page,
  extensionId: string,
  country: string,
  state: string | null,
  rate: string | null,
): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByLabel("Destination country").selectOption(country);
  if (state) await page.getByLabel("Brazilian state").selectOption(state);
  if (rate) await page.getByLabel("Exchange rate").fill(rate);
  await page.reload();
  await expect(page.getByLabel("Destination country")).toHaveValue(country);
  if (rate) await expect(page.getByLabel("Exchange rate")).toHaveValue(rate);
}

/** The BRL scenario's wallet (without its coupons when asked) imported, and the options' destination set. */
async function prepare(
  context: BrowserContext,
  extensionId: string,
  coupons: boolean,
  destination: [country: string, state: string | null, rate: string | null],
): Promise<{ scenario: Scenario; wallet: Wallet; options: Page }> {
  const scenario = loadScenario("brl");
  const all = walletAtNow(scenario);
  const wallet = coupons ? all : { ...all, coupons: [] };
  await importWallet(context, extensionId, wallet);
  const options = await context.newPage();
  await setDestination(options, extensionId, ...destination);
  return { scenario, wallet, options };
}

test("a BRL checkout's tax lines calibrate the exchange rate; the cart's panel then uses it and says where it came from", async ({
  context,
  page,
  shop,
  extensionId,
}) => {
  // No coupons: the stack is what the checkout charges before any pick, so its packages are the page's.
  const { scenario, wallet, options } = await prepare(context, extensionId, false, ["BR", "SP", null]);

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(shop.cartUrl("brl", { host: "pt.aliexpress.com", delay: 60 }));
  let panel = await panelFrame(page, extensionId);
  // Before any checkout: no rate, so no tax, and the panel says why.
  await expect(panel.getByTestId("tax-not-modelled")).toBeVisible();
  await expect(panel.getByTestId("tax-destination")).toContainText("Ship-to country from the page: Brazil.");

  await waitForDemoCart(page);
  await page.locator(".cart-summary-checkout").click();
  await page.waitForURL(/\/p\/trade\/confirm\.html/);
  panel = await panelFrame(page, extensionId);
  await expect(panel.getByTestId("tax-calibration").first()).toContainText(
    "This checkout's tax lines give an exchange rate of 0.1843 USD per BRL",
  );
  // Once stored, the same checkout uses the rate, and its tax check says it proves nothing here.
  await expect(panel.getByTestId("tax-rate-source")).toContainText(
    "Exchange rate 0.1843 USD per BRL, from the tax lines of your checkout on",
  );
  await expect(panel.getByTestId("page-tax-check")).toHaveAttribute("data-state", "calibrated");
  await expect(panel.getByTestId("page-tax-check")).toContainText("not an independent check");

  // A later cart uses the calibrated rate: its figures are the optimizer's at that rate.
  await page.goto(shop.cartUrl("brl", { host: "pt.aliexpress.com", delay: 60 }));
  panel = await panelFrame(page, extensionId);
  const want = optimize({
    now: new Date().toISOString(),
    cart: expectedCart(scenario),
    wallet,
    destination: { country: "BR", region: "SP", rate: 0.1843 },
    options: { maxOrders: 2 },
  });
  await expect(panel.getByTestId("stack-total")).toHaveAttribute("data-cents", String(want.total));
  expect(await centsOf(panel, "tax-total")).toBe(want.tax);
  await expect(panel.getByTestId("tax-rate-source")).toContainText(
    "Exchange rate 0.1843 USD per BRL, from the tax lines of your checkout on",
  );
  await expect(panel.getByTestId("tax-calibration")).toHaveCount(0);

  // The options say so too, and the shopper's own rate still wins.
  await options.reload();
  await expect(options.getByTestId("tax-rate-calibrated")).toContainText("0.1843 USD per BRL for Brazil");
  await options.getByLabel("Exchange rate").fill("0.2");
  await expect(panel.getByTestId("tax-rate-source")).toContainText(
    "Exchange rate 0.2 USD per BRL, from your settings.",
  );
});

test("the page's ship-to country wins over the options' one, and the panel says so", async ({
  context,
  page,
  shop,
  extensionId,
}) => {
  const { scenario, wallet, options } = await prepare(context, extensionId, true, ["PT", null, "0.18"]);
  await options.close();

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(shop.cartUrl("brl", { host: "pt.aliexpress.com", delay: 60 }));
  const panel = await panelFrame(page, extensionId);
  await expect(panel.getByTestId("tax-destination").first()).toHaveText(
    "Ship-to country from the page: Brazil; your setting says Portugal.",
  );
  // Brazil's rule, not Portugal's VAT: the options' state belongs to no Brazilian address, so none is used.
  const want = optimize({
    now: new Date().toISOString(),
    cart: expectedCart(scenario),
    wallet,
    destination: { country: "BR", rate: 0.18 },
    options: { maxOrders: 2 },
  });
  await expect(panel.getByTestId("stack-total")).toHaveAttribute("data-cents", String(want.total));
  expect(await centsOf(panel, "tax-total")).toBe(want.tax);
  await expect(panel.getByTestId("tax-line").first()).toContainText(/Import tax|ICMS/);
});
