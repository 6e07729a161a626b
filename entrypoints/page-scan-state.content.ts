import { defineContentScript } from "wxt/utils/define-content-script";
import { watchScanPage } from "../src/scan/page-world";
import { scanMatchPatterns } from "../src/scan/pages";

// The page-world half on product and coin pages: the page data and the coin answers (src/scan/page-world.ts).
export default defineContentScript({
  matches: scanMatchPatterns(["product", "coins"]),
  world: "MAIN",
  runAt: "document_start",
  main() {
    watchScanPage();
  },
});
