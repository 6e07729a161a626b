/**
 * The shared end-to-end scenarios (test/e2e/scenarios/) in Firefox: each a
 * Vitest test on a fresh firefox-esr profile with the built extension, under
 * the gateway's no-network guard (support/firefox.ts). The same scenarios run
 * in Chromium from test/e2e/shared.e2e.ts.
 *
 * Build first: `STACKWISE_TEST_BUILD=1 npx wxt build -b firefox --mv3`, then
 * `npx vitest run -c vitest.firefox.config.ts test/e2e/firefox/shared.firefox.ts`
 * (one feature: `-t "^popup: "`).
 */
import { test } from "vitest";
import { PuppeteerDriver } from "../driver/puppeteer";
import { FEATURES } from "../scenarios";
import { pagesFor, scenariosFor } from "../scenarios/scenario";
import { useFirefox } from "./support/firefox";

const firefox = useFirefox();

for (const { title, scenario, skipBecause } of scenariosFor(FEATURES, "firefox")) {
  if (skipBecause !== undefined) test.skip(`${title} (Chromium only: ${skipBecause})`, () => {});
  else test(title, () => scenario.run(pagesFor(new PuppeteerDriver(firefox))), scenario.timeoutMs);
}
