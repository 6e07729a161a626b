/**
 * The store builds as they ship, built here for Chrome and Firefox (MV3,
 * STACKWISE_STORE_BUILD=1) into a folder of their own: the permissions and
 * host access are the few the README justifies, Firefox's settings say what
 * the extension needs, addons.mozilla.org's linter finds nothing at all, and
 * the content security policy of extension pages is the strict one, and
 * nothing in the bundles could load code or reach a server.
 *
 * One file for both, so that the two builds (about 15 s) are made once.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildExtension, iconProblems } from "../../scripts/zip";
import {
  type Browser,
  PERMISSIONS,
  type PermissionReason,
  permissionsOf,
  TEST_BUILD_ENV,
} from "../../src/manifest/permissions";
import config, { EXTENSION_PAGES_CSP } from "../../wxt.config";

interface Manifest {
  manifest_version: number;
  permissions: string[];
  optional_permissions?: string[];
  host_permissions: string[];
  content_scripts: { matches: string[]; world?: string; js: string[] }[];
  web_accessible_resources: { resources: string[]; matches: string[] }[];
  content_security_policy?: { extension_pages?: string; sandbox?: string };
  background: { service_worker?: string; scripts?: string[] };
  browser_specific_settings?: {
    gecko?: {
      id?: string;
      strict_min_version?: string;
      data_collection_permissions?: { required: string[] };
    };
    gecko_android?: { strict_min_version?: string };
  };
  [key: string]: unknown;
}

/** Every supported domain (src/adapters/hosts.ts), and aliexpress.ru deliberately not. */
const SHOP = ["https://*.aliexpress.com/*", "https://*.aliexpress.us/*"];

let outDir = "";
const built: Record<"chrome" | "firefox", { dir: string; manifest: Manifest }> = {} as never;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), "stackwise-store-"));
  for (const browser of ["chrome", "firefox"] as const) {
    const dir = await buildExtension({ browser, outDir, store: true });
    built[browser] = { dir, manifest: JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) };
  }
}, 180_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** Every place a manifest names sites, flattened. */
const sitePatterns = (m: Manifest): string[] => [
  ...m.host_permissions,
  ...m.content_scripts.flatMap((c) => c.matches),
  ...m.web_accessible_resources.flatMap((w) => w.matches),
  ...m.permissions.filter((p) => p.includes(":") || p.includes("*")),
  ...(m.optional_permissions ?? []).filter((p) => p.includes(":") || p.includes("*")),
];

/** A permission's row in the one table (src/manifest/permissions.ts), or undefined. */
const reasonFor = (permission: string, browser: Browser, kind: PermissionReason["kind"]) =>
  PERMISSIONS.find((p) => p.permission === permission && p.kind === kind && p.browsers.includes(browser));

describe.each(["chrome", "firefox"] as const)("the %s store build", (browser) => {
  test("asks only for permissions the table gives a reason for, never clipboardRead", () => {
    const m = built[browser].manifest;
    expect(m.manifest_version).toBe(3);
    const unexplained = [
      ...m.permissions.filter((p) => !reasonFor(p, browser, "api")),
      ...(m.optional_permissions ?? []).filter((p) => !reasonFor(p, browser, "optional")),
    ];
    expect(unexplained).toEqual([]);
    expect(m.permissions).not.toContain("clipboardRead");
    // And nothing the table holds for shoppers is missing (a row no build uses would mislead the README).
    expect([...m.permissions].sort()).toEqual(permissionsOf("api", browser).sort());
    expect(m.optional_permissions).toEqual(permissionsOf("optional", browser));
    expect(m.permissions.length).toBeGreaterThan(3);
  });

  test("reaches the supported shop only: no <all_urls>, no other host", () => {
    const m = built[browser].manifest;
    expect(m.host_permissions).toEqual(SHOP);
    const text = JSON.stringify(m);
    expect(text).not.toContain("<all_urls>");
    expect(text).not.toMatch(/"\*:\/\/\*\/\*"|"https?:\/\/\*\/\*"/);
    for (const pattern of sitePatterns(m)) expect(pattern).toMatch(/^https:\/\/\*\.aliexpress\.(?:com|us)\//);
    expect(text).not.toContain("aliexpress.ru");
    expect(m.web_accessible_resources).toEqual([{ resources: ["panel.html", "scan.html"], matches: SHOP }]);
    // Nothing that lets other extensions or sites talk to it, or updates it from elsewhere.
    for (const key of ["externally_connectable", "update_url", "key", "sandbox", "chrome_url_overrides"])
      expect(m[key], key).toBeUndefined();
  });

  test("extension pages get the strict content security policy", () => {
    expect(built[browser].manifest.content_security_policy).toEqual({ extension_pages: EXTENSION_PAGES_CSP });
  });
});

describe("Firefox", () => {
  test("has a fixed id, says it collects nothing, and names the Firefox its features need", () => {
    const m = built.firefox.manifest;
    expect(m.browser_specific_settings).toEqual({
      gecko: {
        id: "stackwise@stackwise.invalid",
        strict_min_version: "140.0",
        data_collection_permissions: { required: ["none"] },
      },
      gecko_android: { strict_min_version: "142.0" },
    });
    // The cart reader is a MAIN-world content script: Firefox runs those from 128 only.
    const mainWorld = m.content_scripts.filter((c) => c.world === "MAIN");
    expect(mainWorld.length).toBeGreaterThan(0);
    expect(
      Number.parseInt(m.browser_specific_settings?.gecko?.strict_min_version ?? "0", 10),
    ).toBeGreaterThanOrEqual(128);
  });

  test("runs its background as an event page (Firefox MV3 has no service workers for extensions)", () => {
    expect(built.firefox.manifest.background).toEqual({ scripts: ["background.js"] });
  });

  test("addons.mozilla.org's linter finds no error, no warning and no notice", () => {
    const run = spawnSync(
      resolve("node_modules/.bin/web-ext"),
      ["lint", "--source-dir", built.firefox.dir, "--output", "json", "--no-config-discovery"],
      { encoding: "utf8" },
    );
    const report = JSON.parse(run.stdout) as {
      errors: { code: string }[];
      warnings: { code: string; file?: string }[];
      notices: { code: string }[];
    };
    expect({ errors: report.errors, warnings: report.warnings, notices: report.notices }).toEqual({
      errors: [],
      warnings: [],
      notices: [],
    });
  });
});

describe("Chrome", () => {
  test("carries no Firefox settings and runs its background as a service worker", () => {
    expect(built.chrome.manifest.browser_specific_settings).toBeUndefined();
    expect(built.chrome.manifest.background).toEqual({ service_worker: "background.js" });
  });
});

describe("the test build", () => {
  /** The manifest a plain `wxt build` makes, or one with STACKWISE_TEST_BUILD=1. */
  const manifestFor = (browser: Browser, testBuild: boolean) => {
    const before = process.env[TEST_BUILD_ENV];
    if (testBuild) process.env[TEST_BUILD_ENV] = "1";
    else delete process.env[TEST_BUILD_ENV];
    try {
      const manifest = config.manifest as (env: object) => { permissions: string[] };
      return manifest({ browser, command: "build", mode: "production", manifestVersion: 3 });
    } finally {
      if (before === undefined) delete process.env[TEST_BUILD_ENV];
      else process.env[TEST_BUILD_ENV] = before;
    }
  };

  test.each(["chrome", "firefox"] as const)(
    "a plain build for %s does not ask for clipboardRead",
    (browser) => {
      expect(manifestFor(browser, false).permissions).not.toContain("clipboardRead");
    },
  );

  test.each(["chrome", "firefox"] as const)(
    "a test build adds clipboardRead for %s, and nothing else",
    (browser) => {
      const plain = manifestFor(browser, false).permissions;
      const test = manifestFor(browser, true).permissions;
      expect(test.filter((p) => !plain.includes(p))).toEqual(["clipboardRead"]);
      expect(plain.filter((p) => !test.includes(p))).toEqual([]);
    },
  );

  test("the npm scripts that build for end-to-end tests make test builds, and only they", () => {
    const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as {
      scripts: Record<string, string>;
    };
    for (const name of ["test:e2e", "test:firefox", "bench:panel"])
      expect([name, scripts[name]]).toEqual([
        name,
        expect.stringMatching(/^STACKWISE_TEST_BUILD=1 wxt build/),
      ]);
    for (const name of ["build", "build:firefox", "build:all", "zip"])
      expect([name, scripts[name]]).toEqual([name, expect.not.stringContaining(TEST_BUILD_ENV)]);
  });
});

describe("the README's permissions table", () => {
  const readme = readFileSync("README.md", "utf8");
  const section = readme.slice(readme.indexOf("### Permissions"), readme.indexOf("## Known limitations"));
  const rows = new Map(
    section
      .split("\n")
      .filter((line) => /^\| .*`/.test(line))
      .map((line) => line.split(" | "))
      .map(([name = "", why = ""]) => [/`([^`]+)`/.exec(name)?.[1] ?? "", why.replace(/ \|$/, "")]),
  );

  test("gives every permission of the table, with the table's reason", () => {
    expect(rows.size).toBeGreaterThan(PERMISSIONS.length - 1);
    for (const { permission, why } of PERMISSIONS)
      expect([permission, rows.get(permission)]).toEqual([permission, why]);
  });
});

/** The policy's directives, each with its sources. */
const directives = (policy: string): Map<string, string[]> =>
  new Map(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name ?? "", sources]),
  );

describe("the content security policy of extension pages", () => {
  const policy = directives(EXTENSION_PAGES_CSP);

  test("runs only the extension's own scripts: no eval, no inline code, no remote code", () => {
    expect(policy.get("script-src")).toEqual(["'self'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(EXTENSION_PAGES_CSP).not.toMatch(
      /unsafe-eval|unsafe-inline|wasm-unsafe-eval|unsafe-hashes|strict-dynamic/,
    );
  });

  test("loads nothing from elsewhere: everything not named falls back to none", () => {
    expect(policy.get("default-src")).toEqual(["'none'"]);
    for (const [name, sources] of policy) {
      if (name === "frame-ancestors") continue;
      for (const source of sources) expect(source, name).toMatch(/^('self'|'none'|data:)$/);
    }
    // No connect-src: fetch, XHR and WebSocket fall back to 'none'.
    expect(policy.has("connect-src")).toBe(false);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual(["'none'"]);
  });

  test("may be framed only by the supported shops (the panel) or the extension itself", () => {
    expect(policy.get("frame-ancestors")).toEqual([
      "'self'",
      "https://*.aliexpress.com",
      "https://*.aliexpress.us",
    ]);
  });
});

/** Every file of a build, by its path inside it. */
function files(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(js|html|css|json)$/.test(entry.name))
        found.set(relative(dir, path), readFileSync(path, "utf8"));
    }
  };
  walk(dir);
  return found;
}

/**
 * Addresses that appear in the bundles as text, never fetched: XML
 * namespaces (Preact), JSON Schema ids and help links in error messages
 * (Zod, Dexie), and the shop's own addresses that links are checked
 * against. A new address fails this test until someone looks at it.
 */
const KNOWN_ADDRESSES = new Set([
  "http://www.w3.org/2000/svg",
  "http://www.w3.org/1999/xhtml",
  "http://www.w3.org/1998/Math/MathML",
  "http://json-schema.org/draft-04/schema#",
  "http://json-schema.org/draft-07/schema#",
  "https://json-schema.org/draft/2020-12/schema",
  "http://bit.ly/2kdckMn",
  "https://tinyurl.com/y2uuvskb",
  "https://s.click.aliexpress.com/e/",
  "https://*.aliexpress.com/p/shoppingcart/*",
  "https://*.aliexpress.com/p/trade/confirm*",
  "https://*.aliexpress.us/p/shoppingcart/*",
  "https://*.aliexpress.us/p/trade/confirm*",
]);

/** What Zod's build-time settings look like once minified (wxt.config.ts, ZOD_JITLESS). */
const JITLESS = /globalThis\.__zod_globalConfig=\{\.\.\.globalThis\.__zod_globalConfig,jitless:(?:!0|true)\}/;

describe.each(["chrome", "firefox"] as const)("the %s bundles", (browser) => {
  const bundle = () => files(built[browser].dir);
  const scripts = () => [...bundle()].filter(([path]) => path.endsWith(".js"));

  test("pages load only their own scripts and styles", () => {
    for (const [path, html] of bundle()) {
      if (!path.endsWith(".html")) continue;
      const refs = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]*)"/g)].map(
        (m) => m[1] ?? "",
      );
      expect(refs.length, path).toBeGreaterThan(0);
      for (const ref of refs) expect(ref, path).toMatch(/^\/?[\w./-]+$/);
      // No inline scripts: the policy would refuse them anyway.
      expect(html, path).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
  });

  test("no code can reach a server or make code from text", () => {
    const forbidden = [
      /\bfetch\(/,
      /\bXMLHttpRequest\b/,
      /\bWebSocket\b/,
      /\bEventSource\b/,
      /\bsendBeacon\b/,
      /\bimportScripts\b/,
      // A dynamic import only of the extension's own chunks, by a literal relative path (the
      // popup loads its tabs and the QR encoder so); the pages' policy allows 'self' only anyway.
      /\bimport\((?!\s*["']\.{1,2}\/[\w./-]+\.js["']\s*\))/,
      /\beval\(/,
      /\bnew Function\b/,
      /\.(?:inner|outer)HTML\s*=(?!=)/,
      /\binsertAdjacentHTML\b/,
      /\bdocument\.write\b/,
    ];
    // The checkout's page-world script wraps the page's own XMLHttpRequest and fetch to keep
    // the checkout's responses (src/content/checkout/checkout-api.ts): it names the prototype,
    // but never makes a request of its own.
    const wrapper = /content-scripts\/checkout-api\.js$/;
    for (const [path, code] of scripts())
      for (const pattern of forbidden) {
        // The coin pages' page-world script wraps the page's own XMLHttpRequest to copy coin
        // answers (src/content/scan/page-world.ts) the way the checkout's does for its responses.
        const allowed =
          (wrapper.test(path) || path === "content-scripts/page-scan-state.js") &&
          pattern.source === "\\bXMLHttpRequest\\b";
        const seen = allowed
          ? code.match(/new\s+[\w.$]*XMLHttpRequest\b|XMLHttpRequest(?!\??\.prototype)/)
          : code.match(pattern);
        expect(seen?.[0], `${path} ${pattern}`).toBeUndefined();
      }
  });

  test("the page-world scan script only wraps the page's own requests", () => {
    const code = bundle().get("content-scripts/page-scan-state.js") ?? "";
    expect(code).toContain("XMLHttpRequest");
    // It names the prototype's methods to wrap them, and never makes a request of its own.
    expect(code).not.toMatch(/new [\w$.]*XMLHttpRequest\b/);
  });

  test("Zod's compiler, the one use of the Function constructor, is switched off before Zod loads", () => {
    const aliasing = /[=(,]\s*Function\s*[;,)]/;
    const holders = scripts().filter(([, code]) => aliasing.test(code));
    // Zod (Mini, whose objects never compile; see optimizer/zod.ts) is in the background and in
    // the pages' shared chunk, and still carries the setting: should the classic API come back,
    // its compiler is off before it loads.
    expect(scripts().filter(([, code]) => JITLESS.test(code)).length).toBeGreaterThan(0);
    for (const [path, code] of holders) {
      const setting = code.search(JITLESS);
      expect(setting, path).toBeGreaterThanOrEqual(0);
      expect(setting, path).toBeLessThan(code.search(aliasing));
    }
    // Content scripts run beside the shop's own code (the cart reader in its very world): no settings there.
    for (const [path, code] of scripts())
      if (path.startsWith("content-scripts/")) expect(code, path).not.toContain("__zod_globalConfig=");
  });

  test("every address in the bundles is a known one that is never fetched", () => {
    const seen = new Set<string>();
    for (const [, code] of scripts())
      for (const m of code.matchAll(/https?:\/\/[\w.*-]+\.[a-z]{2,}[\w./*#?=&%~-]*/gi)) seen.add(m[0]);
    expect([...seen].filter((address) => !KNOWN_ADDRESSES.has(address)).sort()).toEqual([]);
  });
});

describe("the toolbar icon", () => {
  test.each(["chrome", "firefox"] as const)(
    "%s: every size named as icons and default_icon, and carried",
    (browser) => {
      const files = new Map<string, Buffer>();
      const walk = (dir: string) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          const path = join(dir, entry.name);
          if (entry.isDirectory()) walk(path);
          else files.set(relative(built[browser].dir, path).split("\\").join("/"), readFileSync(path));
        }
      };
      walk(built[browser].dir);
      expect(iconProblems(files)).toEqual([]);
    },
  );
});
