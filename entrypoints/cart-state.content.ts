import { defineContentScript } from "wxt/utils/define-content-script";
import { shopMatchPatterns } from "../src/adapters/hosts";
import { answerCartStateRequests } from "../src/content/checkout/page-world";

// The page-world half: only here is the shop's cart state visible (src/content/checkout/page-world.ts).
export default defineContentScript({
  matches: shopMatchPatterns("/p/shoppingcart/*"),
  world: "MAIN",
  runAt: "document_start",
  main() {
    answerCartStateRequests();
  },
});
