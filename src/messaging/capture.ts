/**
 * Messages that fill the wallet from what the shopper sees: a page's capture
 * panel (or any extension page) sends a batch of coupon drafts; the background
 * adds it in one transaction and announces the wallet change.
 */
import { z } from "../../optimizer/zod";
import { CAPTURE_SOURCES, CouponDraftSchema, MAX_CAPTURE_BATCH } from "../wallet/captured";
import { type MessageSpec, message } from "./define";

const couponId = z.string().check(z.minLength(1), z.maxLength(200));

export const captureMessages = {
  /**
   * Adds captured coupons. Answers which were added (by their place in the
   * batch, with their new ids) and which were already in the wallet. An
   * invalid draft refuses the whole batch with the reason; nothing is written.
   */
  "capture/add": message(
    z.object({
      drafts: z.array(CouponDraftSchema).check(z.minLength(1), z.maxLength(MAX_CAPTURE_BATCH)),
      source: z.enum(CAPTURE_SOURCES),
    }),
    z.object({
      importId: z.nullable(z.string()),
      added: z.array(z.object({ index: z.number().check(z.int(), z.gte(0)), couponId })),
      alreadyThere: z.array(z.object({ index: z.number().check(z.int(), z.gte(0)), couponId })),
    }),
  ),
  /** Takes back the last captured batch, keeping coupons the shopper edited or used since. */
  "capture/undo": message(
    z.object({}),
    z.object({
      importId: z.nullable(z.string()),
      removed: z.array(couponId),
      kept: z.array(couponId),
    }),
  ),
} satisfies Record<string, MessageSpec>;
