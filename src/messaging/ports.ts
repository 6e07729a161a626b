/**
 * What the content scripts and the background agree on, without Zod: the
 * ports' names and the limits of what a page's capture may hold. The content
 * scripts import only this file from src/messaging; the message schemas
 * (checkout.ts, scan.ts) check the same limits and re-export the names.
 */
export const CART_PORT = "stackwise/cart";
export const PANEL_PORT = "stackwise/panel";
export const SCAN_PORT = "stackwise/scan";
export const SCAN_PANEL_PORT = "stackwise/scan-panel";

/** Longest text kept from a whole page: far more than a coupon list shows (the coupon-text reader's own limit). */
export const MAX_PAGE_TEXT = 500_000;
/** Coupon blocks kept from a product page, and the longest of each. */
export const MAX_BLOCKS = 60;
export const MAX_BLOCK_TEXT = 4000;
/** Longest page-data copy the scan's page world hands over; a product's coupon module is far smaller. */
export const MAX_STATE_CHARS = 1_000_000;
