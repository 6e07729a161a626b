/** Messages of the checkout half: content script <-> background <-> panel. */
import type { MessageSpec } from "./define";

export const checkoutMessages = {} satisfies Record<string, MessageSpec>;
