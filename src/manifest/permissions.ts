/**
 * Every permission Stackwise may ask for, with the reason, in one place:
 * wxt.config.ts builds the manifest from this table, test/unit/manifest.test.ts
 * fails on any permission a built manifest asks for that is not here, and the
 * README's permissions table must say the same (checked by the same test).
 */
export type Browser = "chrome" | "firefox";

export interface PermissionReason {
  /** The manifest's name for it. */
  readonly permission: string;
  /**
   * `api` and `optional` go in `permissions` and `optional_permissions`;
   * `test` only into builds made with STACKWISE_TEST_BUILD=1, never a shopper's.
   */
  readonly kind: "api" | "optional" | "test";
  readonly browsers: readonly Browser[];
  readonly why: string;
}

const BOTH: readonly Browser[] = ["chrome", "firefox"];

export const PERMISSIONS: readonly PermissionReason[] = [
  {
    permission: "storage",
    kind: "api",
    browsers: BOTH,
    why: "Preferences and the list of coupons already reminded of; copies of the default referral link and of the wallet's first screen, so that the popup can copy and draw before it opens the database; the last cart read in `storage.session`. The wallet itself is in IndexedDB.",
  },
  {
    permission: "contextMenus",
    kind: "api",
    browsers: BOTH,
    why: '"Copy referral link" in the toolbar icon\'s right-click menu.',
  },
  {
    permission: "alarms",
    kind: "api",
    browsers: BOTH,
    why: "Recounts the expiring-coupons badge on a schedule instead of keeping the background running.",
  },
  {
    permission: "clipboardWrite",
    kind: "api",
    browsers: BOTH,
    why: "Copies the link from the menu, the shortcut and when the popup opens, none of which is a click in a page.",
  },
  {
    permission: "offscreen",
    kind: "api",
    browsers: ["chrome"],
    why: "Chrome's service worker has no clipboard; a short-lived offscreen document writes it.",
  },
  {
    permission: "scripting",
    kind: "api",
    browsers: BOTH,
    why: "\"Apply\" types the stack's promo code into the checkout page's field, only when the shopper clicks it.",
  },
  {
    permission: "notifications",
    kind: "optional",
    browsers: BOTH,
    why: "Asked for only when the user turns on expiry reminders.",
  },
  {
    permission: "clipboardRead",
    kind: "test",
    browsers: BOTH,
    why: "Only in test builds (`STACKWISE_TEST_BUILD=1`): the end-to-end tests read the clipboard back. Stackwise never reads the clipboard, and the build a shopper installs does not ask for it.",
  },
];

/** The environment variable that makes a test build. */
export const TEST_BUILD_ENV = "STACKWISE_TEST_BUILD";

/** The names of one kind for one browser, in table order. */
export function permissionsOf(kind: PermissionReason["kind"], browser: Browser): string[] {
  return PERMISSIONS.filter((p) => p.kind === kind && p.browsers.includes(browser)).map((p) => p.permission);
}

/** What a build's manifest asks for: the table's `api` rows, and its `test` rows in a test build. */
export function manifestPermissions(browser: Browser, testBuild: boolean): string[] {
  return [...permissionsOf("api", browser), ...(testBuild ? permissionsOf("test", browser) : [])];
}
