/**
 * The shared end-to-end scenarios (test/e2e/scenarios/) in Chromium, each a
 * Playwright test on a fresh browser with the built extension, under the
 * NetLog no-network guard (support/extension.ts). The same scenarios run in
 * Firefox from test/e2e/firefox/shared.firefox.ts.
 *
 * Build first: `STACKWISE_TEST_BUILD=1 npx wxt build`, then
 * `npx playwright test test/e2e/shared.e2e.ts` (one feature: `-g "popup: "`).
 */
import { test } from "./driver/playwright";
import { FEATURES } from "./scenarios";
import { pagesFor, scenariosFor } from "./scenarios/scenario";

for (const { title, scenario, skipBecause } of scenariosFor(FEATURES, "chromium")) {
  if (skipBecause !== undefined) {
    test.skip(`${title} (Firefox only: ${skipBecause})`, () => {});
    continue;
  }
  test(title, async ({ driver }) => {
    if (scenario.timeoutMs) test.setTimeout(scenario.timeoutMs);
    await scenario.run(pagesFor(driver));
  });
}
