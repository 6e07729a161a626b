/**
 * A scenario is one end-to-end check written once, over page objects, and
 * registered by both runners: test/e2e/shared.e2e.ts (Playwright, Chromium)
 * and test/e2e/firefox/shared.firefox.ts (Vitest, Firefox). One that cannot
 * run in a browser says so here, with the reason, rather than being copied.
 */
import type { BrowserName, Driver, Tab } from "../driver/driver";
import { OptionsPage } from "../pages/options";
import { PopupPage } from "../pages/popup";
import { ShopCart, ShopCheckout } from "../pages/shop";

export const SCREENSHOTS = process.env.STACKWISE_SCREENSHOTS === "1";

export interface Pages {
  driver: Driver;
  browser: BrowserName;
  popup: PopupPage;
  options: OptionsPage;
  cart: ShopCart;
  checkout: ShopCheckout;
  /** With STACKWISE_SCREENSHOTS=1, writes docs/<name>.png (docs/firefox-<name>.png in Firefox). */
  screenshot(tab: Tab, name: string, options?: { fullPage?: boolean }): Promise<void>;
}

export interface Scenario {
  title: string;
  /** The one browser it runs in, when it cannot run in the other... */
  only?: BrowserName;
  /** ...and why not. */
  because?: string;
  timeoutMs?: number;
  run(pages: Pages): Promise<void>;
}

export interface Feature {
  /** Prefixes each title ("popup: saving a link..."), so one feature can be run alone with -g / -t. */
  name: string;
  scenarios: Scenario[];
}

export function scenario(
  title: string,
  run: (pages: Pages) => Promise<void>,
  options: { only?: BrowserName; because?: string; timeoutMs?: number } = {},
): Scenario {
  if ((options.only === undefined) !== (options.because === undefined))
    throw new Error(`"${title}": a scenario for one browser only must say why (because:)`);
  return { title, run, ...options };
}

export function pagesFor(driver: Driver): Pages {
  const prefix = driver.browser === "firefox" ? "firefox-" : "";
  return {
    driver,
    browser: driver.browser,
    popup: new PopupPage(driver),
    options: new OptionsPage(driver),
    cart: new ShopCart(driver),
    checkout: new ShopCheckout(driver),
    screenshot: async (tab, name, options) => {
      if (SCREENSHOTS) await tab.screenshot(`docs/${prefix}${name}.png`, options);
    },
  };
}

/** Each feature's scenarios that run in `browser`, and those that do not with their reason. */
export function scenariosFor(features: readonly Feature[], browser: BrowserName) {
  return features.flatMap((f) =>
    f.scenarios.map((s) => ({
      title: `${f.name}: ${s.title}`,
      scenario: s,
      skipBecause: s.only !== undefined && s.only !== browser ? s.because : undefined,
    })),
  );
}
