/** Messages of the wallet half: popup, options page and background. */
import type { MessageSpec } from "./define";

export const walletMessages = {} satisfies Record<string, MessageSpec>;
