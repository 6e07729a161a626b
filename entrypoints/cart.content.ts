import { defineContentScript } from "wxt/utils/define-content-script";
import { capturerFor } from "../src/adapters/capture";
import { servePage } from "../src/checkout/page/serve-page";

// The isolated half on the pages the adapters read: no Zod, optimizer or Preact here (see serve-page.ts).
export default defineContentScript({
  matches: ["https://*.aliexpress.com/p/shoppingcart/*", "https://*.aliexpress.com/p/trade/confirm*"],
  runAt: "document_idle",
  main(ctx) {
    const capturer = capturerFor(location.href);
    if (capturer) servePage(capturer, (stop) => ctx.onInvalidated(stop));
  },
});
