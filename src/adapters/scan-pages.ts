/**
 * The pages Stackwise scans for coupons and coins, and the shopper's switch
 * for each kind. Part of the content scripts (plain data and functions, no
 * Zod): the manifest's matches and the content scripts' own checks are made
 * from these lists, on the shop hosts of hosts.ts only.
 */
import { isShopHost, shopMatchPatterns } from "./hosts";

export const SCAN_KINDS = ["product", "coupons", "coins"] as const;
export type ScanKind = (typeof SCAN_KINDS)[number];

/**
 * Paths per kind, as match-pattern paths. Product pages are `/item/<id>.html`;
 * the coupon list is `/p/my-coupons/` and the coupon center is served under
 * `/ssr/…/glo-coupon-center…` (aliexpress-evidence.md §1.1); the coin pages
 * are the mobile `/p/coin-index/` and the desktop `/p/coin-pc-index/` (§4).
 */
export const SCAN_PATHS: Record<ScanKind, readonly string[]> = {
  product: ["/item/*"],
  coupons: ["/p/my-coupons/*", "/ssr/*coupon-center*"],
  coins: ["/p/coin-index/*", "/p/coin-pc-index/*"],
};

const PATH_TESTS: Record<ScanKind, RegExp> = {
  product: /^\/item\/[^/]+\.html?$/i,
  coupons: /^\/p\/my-coupons\/|^\/ssr\/.*coupon-center/i,
  coins: /^\/p\/coin-(?:pc-)?index\//i,
};

/** Match patterns of the given kinds on every shop host. */
export const scanMatchPatterns = (kinds: readonly ScanKind[] = SCAN_KINDS): string[] =>
  kinds.flatMap((kind) => SCAN_PATHS[kind].flatMap((path) => shopMatchPatterns(path)));

/** The kind of page at `url`, or undefined for a page Stackwise does not scan (other hosts included). */
export function scanKindOf(url: string): ScanKind | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== "https:" || !isShopHost(u.hostname)) return undefined;
  return SCAN_KINDS.find((kind) => PATH_TESTS[kind].test(u.pathname));
}

/** Where the shopper's scan switches are kept in `storage.local`. */
export const SCAN_PREFERENCES_KEY = "scanPreferences";

/**
 * Scanning is on for a kind unless the stored switches say `false` for it.
 * Read without Zod in the content script: anything but an explicit `false`
 * (a missing entry, a damaged one) leaves the default, which is on.
 */
export function scanAllowed(stored: unknown, kind: ScanKind): boolean {
  if (typeof stored !== "object" || stored === null) return true;
  return (stored as Record<string, unknown>)[kind] !== false;
}
