import preact from "@preact/preset-vite";
import { defineConfig } from "wxt";

// Stackwise asks for as little as it can. Host access is added per supported
// shop by the adapters' issue, never <all_urls>.
export default defineConfig({
  modules: ["@wxt-dev/webextension-polyfill"],
  imports: false,
  manifest: ({ browser }) => ({
    name: "Stackwise",
    description:
      "Finds the cheapest legal coupon stack for your cart and keeps referral rewards and coupons in order. No network, no tracking.",
    // Every UI string comes from public/_locales; English is the fallback for missing translations.
    default_locale: "en",
    permissions: [
      // The wallet's preferences and the notified-coupon list (the wallet itself is in IndexedDB).
      "storage",
      // "Copy referral link" in the toolbar icon's right-click menu.
      "contextMenus",
      // Recounts the expiring-coupons badge on a schedule instead of keeping the worker alive.
      "alarms",
      // Copying from the menu, the shortcut and on popup open, none of which is a click inside a page.
      "clipboardWrite",
      // Chrome only: its service worker has no clipboard, so an offscreen document writes it.
      ...(browser === "firefox" ? [] : ["offscreen"]),
      // Only so the end-to-end tests can read the clipboard back (granting it at run time fails
      // in Chromium). Stackwise never reads the clipboard; a store build sets
      // STACKWISE_STORE_BUILD=1 to leave it out.
      ...(process.env.STACKWISE_STORE_BUILD === "1" ? [] : ["clipboardRead"]),
      // "Apply" on a checkout page: runs the adapter's applyStack there, only when the shopper clicks it.
      "scripting",
    ],
    // The shops the adapters read (also what the content scripts match). Needed for "Apply".
    host_permissions: ["https://*.aliexpress.com/*"],
    // The in-page panel is an extension page in a frame; only the supported shops may frame it.
    web_accessible_resources: [{ resources: ["panel.html"], matches: ["https://*.aliexpress.com/*"] }],
    // Asked for only when the user turns on expiry reminders in the settings.
    optional_permissions: ["notifications"],
    commands: {
      "copy-referral-link": {
        suggested_key: { default: "Alt+Shift+L" },
        description: "__MSG_commandCopyReferralLink__",
      },
    },
    browser_specific_settings: {
      gecko: { id: "stackwise@stackwise.invalid" },
    },
  }),
  vite: () => ({
    plugins: [preact()],
  }),
});
