import { defineConfig } from "vitest/config";
import { WxtVitest } from "wxt/testing/vitest-plugin";
import { catalogueKeysDefine } from "./wxt.config";

export default defineConfig({
  plugins: [WxtVitest()],
  define: catalogueKeysDefine(),
  test: {
    include: ["test/unit/**/*.test.ts", "test/unit/**/*.test.tsx"],
    setupFiles: ["fake-indexeddb/auto"],
    // The demo shop's pages, drawn once per run for every test file that reads them.
    globalSetup: ["test/unit/support/draw-pages.ts"],
    testTimeout: 60_000,
  },
});
