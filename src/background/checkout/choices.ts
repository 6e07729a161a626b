/** One order of a stack as the choices a checkout's controls take ("Apply"). */
import type { Coupon, OrderResult } from "../../../optimizer/schema";
import type { StackChoices } from "../../adapters/types";

export function choicesFor(
  order: OrderResult,
  coupons: readonly Pick<Coupon, "id" | "kind" | "code">[],
  options: { useCoins: boolean; usePoints: boolean },
): StackChoices {
  const platformId = order.platformCoupon?.couponId;
  const platform = platformId === undefined ? undefined : coupons.find((c) => c.id === platformId);
  if (platformId !== undefined && platform === undefined)
    throw new Error(`coupon ${platformId} of the stack is not in the wallet`);
  return {
    storeCoupons: order.storeCoupons.map((c) => ({ storeId: c.storeId, couponId: c.couponId })),
    selectCouponId: order.selectCoupon?.couponId ?? null,
    platform:
      platform === undefined
        ? null
        : platform.kind === "promo" && platform.code !== undefined
          ? { kind: "code", couponId: platform.id, code: platform.code }
          : { kind: "coupon", couponId: platform.id },
    useCoins: options.useCoins,
    usePoints: options.usePoints,
  };
}
