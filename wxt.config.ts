import { readFileSync } from "node:fs";
import preact from "@preact/preset-vite";
import { createLogger, type Logger, type Plugin } from "vite";
import { defineConfig } from "wxt";
import { shopFrameAncestors, shopMatchPatterns } from "./src/adapters/hosts";
import { manifestIcons } from "./src/manifest/icons";
import { manifestPermissions, permissionsOf, TEST_BUILD_ENV } from "./src/manifest/permissions";
import { deferPageAssets } from "./src/ui/popup/laterAssets";

export const EXTENSION_PAGES_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors 'self' ${shopFrameAncestors().join(" ")}`,
].join("; ");

/** Zod's settings, read from this global when Zod loads (zod/v4/core/core.js), before any schema is made. */
export const ZOD_JITLESS = "globalThis.__zod_globalConfig={...globalThis.__zod_globalConfig,jitless:true};";

/**
 * Preact assigns `innerHTML` in one place only, for `dangerouslySetInnerHTML`, which Stackwise
 * never uses (Biome's recommended rules refuse it in our code). addons.mozilla.org's linter
 * warns about that assignment, so the build makes the branch throw instead. It fails the build
 * when a Preact update moves the line, rather than shipping it unnoticed.
 */
function noPreactInnerHtml(): Plugin {
  const assignment = /\((\w+)\.innerHTML=(\w+)\.__html\)/g;
  return {
    name: "stackwise:no-preact-inner-html",
    enforce: "pre",
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs$/.test(id.split("?")[0] ?? "")) return null;
      const found = code.match(assignment)?.length ?? 0;
      if (found !== 1)
        throw new Error(
          `Expected one innerHTML assignment in ${id}, found ${found}: update noPreactInnerHtml.`,
        );
      return {
        code: code.replace(assignment, '(()=>{throw Error("dangerouslySetInnerHTML is disabled")})()'),
        map: null,
      };
    },
  };
}

/**
 * The popup's styles and modules leave its HTML for its first script's tag, which loads them
 * once the copy has started (src/ui/popup/laterAssets.ts): named in the HTML, they are fetched
 * beside the first script and hold it back. After Vite has written the tags (`order: "post"`);
 * the dev server's pages keep theirs.
 */
function laterPageAssets(): Plugin {
  return {
    name: "stackwise:later-page-assets",
    apply: "build",
    transformIndexHtml: { order: "post", handler: (html) => deferPageAssets(html) },
  };
}

/**
 * The catalogue's keys, for the one Message schema (src/core/message.ts) to refuse keys no
 * catalogue has without any bundle carrying the English: `__CATALOGUE_KEYS__`, defined at
 * build time here and in vitest.config.ts. Sorted and front-coded (each key as how many
 * leading characters it shares with the one before, in base 36, then the rest; spaces
 * between), which halves what every extension page carries (decoded by `decodeKeys`).
 */
export function catalogueKeysDefine(): Record<string, string> {
  const catalogue = JSON.parse(readFileSync("public/_locales/en/messages.json", "utf8")) as Record<
    string,
    unknown
  >;
  let previous = "";
  const coded = Object.keys(catalogue)
    .sort()
    .map((key) => {
      let shared = 0;
      while (shared < 35 && key[shared] !== undefined && key[shared] === previous[shared]) shared++;
      previous = key;
      return shared.toString(36) + key.slice(shared);
    });
  return { __CATALOGUE_KEYS__: JSON.stringify(coded.join(" ")) };
}

/**
 * Vite's logger without one notice: Rollup saying it drops a comment it cannot place in a
 * dependency (zod's notes beside its `@__PURE__` marks). It changes nothing in the output and
 * is the dependency's business; every other warning still shows, so that a clean build means
 * something. (It reaches Vite's logger without passing through rollupOptions.onwarn.)
 */
function quietLogger(): Logger {
  const logger = createLogger("warn");
  const warn = logger.warn.bind(logger);
  logger.warn = (msg, options) => {
    if (/node_modules[\\/].*contains an annotation that Rollup cannot interpret/s.test(msg)) return;
    warn(msg, options);
  };
  const warnOnce = logger.warnOnce.bind(logger);
  logger.warnOnce = (msg, options) => {
    if (/node_modules[\\/].*contains an annotation that Rollup cannot interpret/s.test(msg)) return;
    warnOnce(msg, options);
  };
  return logger;
}

// Stackwise asks for as little as it can. Host access is added per supported
// shop by the adapters' issue, never <all_urls>.
export default defineConfig({
  imports: false,
  // `npm run dev` (scripts/dev.ts) names the browser it found, as the tests find theirs.
  webExt: {
    // `npm run dev -- --no-browser`: the dev server alone, where no window can open.
    disabled: process.env.STACKWISE_DEV_NO_BROWSER === "1",
    binaries: {
      ...(process.env.STACKWISE_DEV_CHROMIUM ? { chrome: process.env.STACKWISE_DEV_CHROMIUM } : {}),
      ...(process.env.STACKWISE_DEV_FIREFOX ? { firefox: process.env.STACKWISE_DEV_FIREFOX } : {}),
    },
    // Chromium will not start as root without it (a container's only user).
    ...(process.getuid?.() === 0 ? { chromiumArgs: ["--no-sandbox"] } : {}),
  },
  hooks: {
    // The offscreen document is Chrome's alone (its HTML says so). WXT would warn on every Firefox
    // build that it skipped it; a skip we asked for is no news, so it leaves the list quietly.
    "entrypoints:resolved": (wxt, entrypoints) => {
      for (let i = entrypoints.length - 1; i >= 0; i--) {
        const entry = entrypoints[i];
        if (entry?.skipped && entry.name === "offscreen" && wxt.config.browser !== "chrome")
          entrypoints.splice(i, 1);
      }
    },
  },
  manifest: ({ browser, command }) => ({
    name: "Stackwise",
    description:
      "Finds the cheapest legal coupon stack for your cart and keeps referral rewards and coupons in order. No network, no tracking.",
    // Every UI string comes from public/_locales; English is the fallback for missing translations.
    default_locale: "en",
    // Made for Stackwise (icon/stackwise.svg, rendered by `npm run icons`): the stores' list and
    // the toolbar button, whose lower right corner is left plain for the expiring-coupons badge.
    icons: manifestIcons(),
    action: { default_icon: manifestIcons() },
    // One table of permissions with their reasons (src/manifest/permissions.ts); clipboardRead only in
    // test builds (STACKWISE_TEST_BUILD=1, set by the npm scripts that build for end-to-end tests).
    permissions: manifestPermissions(
      browser === "firefox" ? "firefox" : "chrome",
      process.env[TEST_BUILD_ENV] === "1",
    ),
    // The shops the adapters read (also what the content scripts match). Needed for "Apply".
    host_permissions: shopMatchPatterns(),
    // The in-page panels (the cart's, and the scan's on coupon, product and coin pages) are
    // extension pages in a frame; only the supported shops may frame them.
    web_accessible_resources: [{ resources: ["panel.html", "scan.html"], matches: shopMatchPatterns() }],
    // Asked for only when the user turns on expiry reminders in the settings.
    optional_permissions: permissionsOf("optional", browser === "firefox" ? "firefox" : "chrome"),
    commands: {
      "copy-referral-link": {
        suggested_key: { default: "Alt+Shift+L" },
        description: "__MSG_commandCopyReferralLink__",
      },
    },
    // Extension pages may run only their own files, load nothing from elsewhere, and be framed
    // only by the supported shops (the panel) or by themselves. Not under `wxt` (dev): its server
    // adds styles inline and reloads pages over a websocket, so WXT's own dev policy stays.
    ...(command === "build" ? { content_security_policy: { extension_pages: EXTENSION_PAGES_CSP } } : {}),
    ...(browser === "firefox"
      ? {
          browser_specific_settings: {
            gecko: {
              // Fixed: the store and every update know the add-on by it (and tests by its UUID).
              id: "stackwise@stackwise.invalid",
              // 128 runs MAIN-world content scripts (the cart reader); 140 is the first to know
              // data_collection_permissions, and the ESR that Debian ships.
              strict_min_version: "140.0",
              // Nothing is collected or sent anywhere.
              data_collection_permissions: { required: ["none"] },
            },
            // Firefox for Android learnt data_collection_permissions in 142. Stating it keeps
            // addons.mozilla.org's linter quiet; Android itself is not tested.
            gecko_android: { strict_min_version: "142.0" },
          },
        }
      : {}),
  }),
  vite: () => ({
    customLogger: quietLogger(),
    plugins: [preact(), noPreactInnerHtml(), laterPageAssets()],
    define: catalogueKeysDefine(),
    build: {
      // Both browsers preload modules themselves; Vite's polyfill would be the bundles' only fetch().
      modulePreload: { polyfill: false },
      rollupOptions: {
        // Classic Zod would compile object parsers with `new Function` (Zod Mini, which the
        // extension uses, never does; this guards against a classic import coming back). The
        // CSP forbids it, so Zod's probe would fail and log a CSP violation in every extension
        // page and the background.
        // Only chunks holding Zod say so: a content script must not touch the shop's globals.
        output: {
          // Chunks of a few hundred bytes (the browser shim, a settings helper, WXT's empty page-plugin
          // module) go into bigger ones where no page would then run code it did not run before:
          // every file a page fetches costs it 3 to 5 ms of main thread (the request, then the
          // response, in a Chromium trace), whatever its size. The popup now opens with 9 files,
          // not 12 (budgets.json holds the count); its render came 6 to 24 ms sooner in paired
          // runs of `npm run bench:popup` (README, "Fewer files").
          experimentalMinChunkSize: 16_000,
          intro: (chunk) =>
            chunk.moduleIds.some((id) => /[\\/]node_modules[\\/]zod[\\/]/.test(id)) ? ZOD_JITLESS : "",
        },
      },
    },
  }),
  zip: {
    // The sources archive that addons.mozilla.org asks for builds with the README's steps;
    // what it needs is tracked in git, and local run output is left out.
    excludeSources: [
      "test-results/**",
      "playwright-report/**",
      "coverage/**",
      "demo-output/**",
      "tmp/**",
      "*.zip",
      // Screenshots for the README; the build does not use them.
      "docs/**/*.png",
    ],
  },
});
