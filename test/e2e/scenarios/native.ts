/**
 * The raw browser behind a driver, for the few steps only one browser has
 * (a scenario using these declares `only:` with its reason). Type-only
 * imports: neither runner loads the other's library.
 */
import type { Driver } from "../driver/driver";
import type { PlaywrightDriver } from "../driver/playwright";

export function chromiumOf(driver: Driver): PlaywrightDriver {
  if (driver.browser !== "chromium") throw new Error("this step needs Chromium");
  return driver as PlaywrightDriver;
}
