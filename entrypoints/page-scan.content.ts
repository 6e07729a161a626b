import { defineContentScript } from "wxt/utils/define-content-script";
import { scanKindOf, scanMatchPatterns } from "../src/adapters/scan-pages";
import { serveScan } from "../src/content/scan/serve";

// The isolated half on coupon, product and coin pages: no Zod or Preact here (see src/content/scan/serve.ts).
export default defineContentScript({
  matches: scanMatchPatterns(),
  runAt: "document_idle",
  main(ctx) {
    const kind = scanKindOf(location.href);
    if (kind) void serveScan(kind, (stop) => ctx.onInvalidated(stop));
  },
});
