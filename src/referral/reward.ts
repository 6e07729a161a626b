/** The coupon a credited referral puts in the wallet. */
import type { Coupon } from "../../optimizer/schema";
import { DAY_MS, type InstantLike, toEpochMs } from "../core/calendar";
import type { ProgramSettings, Reward } from "./settings";

/** One reward coupon per referral: a fixed id makes crediting twice impossible rather than merely unlikely. */
export const rewardCouponId = (referralId: string): string => `referral-${referralId}`;

/**
 * What a reward is worth for the tracker's "value earned": a fixed reward's
 * amount; for a percent reward its cap, or 0 when uncapped (its value depends
 * on a cart that does not exist yet).
 */
export function rewardValue(reward: Reward): number {
  return reward.off ?? reward.maxOff ?? 0;
}

/** The reward coupon for a referral credited at `creditedAt`, valid `rewardValidDays` from then. */
export function rewardCoupon(
  referralId: string,
  settings: Pick<ProgramSettings, "reward" | "rewardValidDays">,
  creditedAt: InstantLike,
): Coupon {
  const at = toEpochMs(creditedAt);
  const r = settings.reward;
  const coupon: Coupon = {
    id: rewardCouponId(referralId),
    kind: r.kind,
    minSpend: r.minSpend,
    validFrom: new Date(at).toISOString(),
    expiresAt: new Date(at + settings.rewardValidDays * DAY_MS).toISOString(),
    currency: r.currency,
    status: "active",
    source: "referral",
  };
  if (r.off !== undefined) coupon.off = r.off;
  if (r.percent !== undefined) coupon.percent = r.percent;
  if (r.maxOff !== undefined) coupon.maxOff = r.maxOff;
  if (r.storeId !== undefined) coupon.storeId = r.storeId;
  if (r.code !== undefined) coupon.code = r.code;
  return coupon;
}
