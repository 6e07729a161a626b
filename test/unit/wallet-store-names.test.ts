import { describe, expect, it } from "vitest";
import type { Wallet } from "../../optimizer/schema";
import { matchStoresByName } from "../../src/wallet/store-names";

const coupon = (id: string, storeId: string) => ({
  id,
  kind: "store" as const,
  storeId,
  off: 200,
  minSpend: 1000,
  expiresAt: "2026-12-31T23:59:59Z",
  status: "active" as const,
});

describe("matchStoresByName", () => {
  const cart = {
    stores: [
      { id: "1102345678", name: "Cable World", promotions: [] },
      { id: "seller-9", name: "Twin Shop", promotions: [] },
      { id: "seller-10", name: "twin  shop", promotions: [] },
      { id: "store-name:Home Goods", name: "Home Goods", promotions: [] },
    ],
  };

  it("gives a coupon known by its store's name to the cart store of that name", () => {
    const wallet: Wallet = { coupons: [coupon("a", "store-name:cable world ")], points: [] };
    expect(matchStoresByName(wallet, cart).coupons[0]?.storeId).toBe("1102345678");
  });

  it("leaves alone a name two stores share, an unknown name, ids already in the cart and other ids", () => {
    const wallet: Wallet = {
      coupons: [
        coupon("b", "store-name:Twin Shop"),
        coupon("c", "store-name:Nobody"),
        coupon("d", "store-name:Home Goods"),
        coupon("e", "Cable World"),
      ],
      points: [],
    };
    expect(matchStoresByName(wallet, cart)).toBe(wallet);
  });
});
