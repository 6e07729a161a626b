import { defineContentScript } from "wxt/utils/define-content-script";
import { cartCapturerFor } from "../src/adapters/capture";
import { shopMatchPatterns } from "../src/adapters/hosts";
import { servePage } from "../src/content/checkout/serve-page";

// The isolated half on cart pages: no Zod, optimizer or Preact here (see serve-page.ts).
export default defineContentScript({
  matches: shopMatchPatterns("/p/shoppingcart/*"),
  runAt: "document_idle",
  main(ctx) {
    const capturer = cartCapturerFor(location.href);
    if (capturer) servePage(capturer, (stop) => ctx.onInvalidated(stop));
  },
});
