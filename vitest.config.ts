import { defineConfig } from "vitest/config";
import { WxtVitest } from "wxt/testing/vitest-plugin";
import { catalogueKeysDefine } from "./wxt.config";

export default defineConfig({
  plugins: [WxtVitest()],
  define: catalogueKeysDefine(),
  test: {
    include: ["test/unit/**/*.test.ts", "test/unit/**/*.test.tsx"],
    setupFiles: ["fake-indexeddb/auto"],
    testTimeout: 60_000,
  },
});
