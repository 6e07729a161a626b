import { defineContentScript } from "wxt/utils/define-content-script";
import { scanMatchPatterns } from "../src/adapters/scan-pages";
import { watchScanPage } from "../src/content/scan/page-world";

// The page-world half on product and coin pages: the page data and the coin answers (src/content/scan/page-world.ts).
export default defineContentScript({
  matches: scanMatchPatterns(["product", "coins"]),
  world: "MAIN",
  runAt: "document_start",
  main() {
    watchScanPage();
  },
});
