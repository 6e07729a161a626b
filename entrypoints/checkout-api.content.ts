import { defineContentScript } from "wxt/utils/define-content-script";
import { shopMatchPatterns } from "../src/adapters/hosts";
import { watchCheckoutApi } from "../src/content/checkout/checkout-api";

// The page-world half on checkout pages: the page's own renderorder/adjustorder responses
// (src/content/checkout/checkout-api.ts). At document_start, before the page asks for them.
export default defineContentScript({
  matches: shopMatchPatterns("/p/trade/confirm*"),
  world: "MAIN",
  runAt: "document_start",
  main() {
    watchCheckoutApi();
  },
});
