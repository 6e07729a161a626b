/**
 * Names of the checkout half's ports. Kept apart from the message schemas
 * (src/messaging/checkout.ts, which re-exports them) so the content script can
 * use them without carrying Zod.
 */
export const CART_PORT = "stackwise/cart";
export const PANEL_PORT = "stackwise/panel";
