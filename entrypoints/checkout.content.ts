import { defineContentScript } from "wxt/utils/define-content-script";
import { checkoutCapturerFor } from "../src/adapters/capture";
import { shopMatchPatterns } from "../src/adapters/hosts";
import { servePage } from "../src/content/checkout/serve-page";

// On checkout pages: the same reading and panel as on the cart, with the checkout's capture only.
export default defineContentScript({
  matches: shopMatchPatterns("/p/trade/confirm*"),
  runAt: "document_idle",
  main(ctx) {
    const capturer = checkoutCapturerFor(location.href);
    if (capturer) servePage(capturer, (stop) => ctx.onInvalidated(stop));
  },
});
