/** Messages of the wallet half: popup, options page, background and the offscreen clipboard. */
import { z } from "../../optimizer/zod";
import { type MessageSpec, message } from "./define";

export const WALLET_CHANGE_REASONS = [
  "coupons",
  "referrals",
  "links",
  "programs",
  "preferences",
  "import",
  /** "I placed this order" in a panel: coupons used, coins and points spent. */
  "orders",
] as const;

export type WalletChangeReason = (typeof WALLET_CHANGE_REASONS)[number];

export const walletMessages = {
  /**
   * A page changed what the toolbar shows (coupons, preferences, an import):
   * the background recounts the badge and reschedules its alarm. Answers the
   * new number of coupons expiring within 72 hours.
   */
  "wallet/changed": message(
    z.object({ reason: z.enum(WALLET_CHANGE_REASONS) }),
    z.object({ expiringSoon: z.number().check(z.int(), z.gte(0)) }),
  ),
  /**
   * Background -> offscreen document (Chrome): write this text to the
   * clipboard, since a service worker has none.
   */
  "clipboard/write": message(
    z.object({ text: z.string().check(z.minLength(1), z.maxLength(10_000)) }),
    z.object({ written: z.literal(true) }),
  ),
} satisfies Record<string, MessageSpec>;
