/**
 * The one table of every message the extension's contexts exchange. Each concern
 * declares its entries in its own file; this file only puts them together, so a
 * name can never be declared twice with two shapes.
 */
import type { z } from "../../optimizer/zod";
import { captureMessages } from "./capture";
import { checkoutMessages } from "./checkout";
import type { MessageSpec } from "./define";
import { scanMessages } from "./scan";
import { walletMessages } from "./wallet";

export const messages = {
  ...checkoutMessages,
  ...scanMessages,
  ...walletMessages,
  ...captureMessages,
} satisfies Record<string, MessageSpec>;

export type Messages = typeof messages;
export type MessageName = keyof Messages;
export type RequestOf<N extends MessageName> = z.input<Messages[N]["request"]>;
export type ResponseOf<N extends MessageName> = z.output<Messages[N]["response"]>;
