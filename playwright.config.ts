import { defineConfig } from "@playwright/test";

// End-to-end tests drive the system's Chromium with the built extension
// (see test/e2e/support/extension.ts); Playwright never downloads a browser
// here. Build first: `npx wxt build`, then `npx playwright test`.
export default defineConfig({
  testDir: "test/e2e",
  testMatch: /.*\.e2e\.ts$/,
  // Each test starts its own Chromium with the extension; two cores fit one at a time.
  workers: Number(process.env.STACKWISE_E2E_WORKERS ?? 1),
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  outputDir: "test-results",
  use: {
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
