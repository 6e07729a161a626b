/**
 * The shop hosts Stackwise supports, in one place: the manifest (host
 * permissions, content scripts, web-accessible panel, the panel's
 * frame-ancestors) and every URL predicate are made from this list, so a new
 * host is one line here.
 *
 * AliExpress serves the same pages on aliexpress.com and, for US shoppers,
 * aliexpress.us, each with country sub-domains (es., pt., fr., de., ...).
 * aliexpress.ru is a separate platform with other pages: it is deliberately
 * absent, and the extension stays silent there.
 *
 * Imported by content scripts: plain data and functions only.
 */

/** Registrable domains whose `www.` and country sub-domains serve the supported pages. */
export const SHOP_DOMAINS = ["aliexpress.com", "aliexpress.us"] as const;

/** Match patterns (`https://*.DOMAIN/PATH`) for every supported domain; `path` starts with "/". */
export const shopMatchPatterns = (path = "/*"): string[] =>
  SHOP_DOMAINS.map((domain) => `https://*.${domain}${path}`);

/** Sources for a CSP `frame-ancestors` list: every supported domain's sub-domains. */
export const shopFrameAncestors = (): string[] => SHOP_DOMAINS.map((domain) => `https://*.${domain}`);

/** True for a supported domain itself or any of its sub-domains (case-insensitive). */
export const isShopHost = (host: string): boolean => {
  const h = host.toLowerCase().replace(/\.$/, "");
  return SHOP_DOMAINS.some((domain) => h === domain || h.endsWith(`.${domain}`));
};
