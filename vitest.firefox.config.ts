import { defineConfig } from "vitest/config";

// End-to-end tests in Firefox (test/e2e/firefox): one Firefox at a time, each
// test with a fresh profile. Build first: `npx wxt build -b firefox --mv3`,
// then `npx vitest run -c vitest.firefox.config.ts`.
export default defineConfig({
  test: {
    include: ["test/e2e/firefox/**/*.firefox.ts"],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
    retry: process.env.CI ? 1 : 0,
    reporters: ["default"],
  },
});
