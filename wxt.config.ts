import preact from "@preact/preset-vite";
import { defineConfig } from "wxt";

// Stackwise asks for as little as it can: storage for the wallet, nothing else yet.
// Host access is added per supported shop by the adapters' issue, never <all_urls>.
export default defineConfig({
  modules: ["@wxt-dev/webextension-polyfill"],
  imports: false,
  manifest: {
    name: "Stackwise",
    description:
      "Finds the cheapest legal coupon stack for your cart and keeps referral rewards and coupons in order. No network, no tracking.",
    permissions: ["storage"],
    browser_specific_settings: {
      gecko: { id: "stackwise@stackwise.invalid" },
    },
  },
  vite: () => ({
    plugins: [preact()],
  }),
});
