/** Coupons, coins and store points, written and announced together. */
import * as capture from "../../storage/capture";
import * as storage from "../../storage/wallet";
import { announcing } from "./announce";

export const addCoupon = announcing("coupons", storage.addCoupon);
export const saveCoupon = announcing("coupons", storage.saveCoupon);
export const setCouponStatus = announcing("coupons", storage.setCouponStatus);
export const removeCoupons = announcing("coupons", storage.removeCoupons);
export const saveCoins = announcing("coupons", storage.saveCoins);
export const clearCoins = announcing("coupons", storage.clearCoins);
export const savePoints = announcing("coupons", storage.savePoints);
export const removePoints = announcing("coupons", storage.removePoints);

/** Captured batches (pasted text, scanned pages) and their undo, announced as an import. */
export const addCapturedCoupons = announcing("import", capture.addCapturedCoupons);
export const undoLastImport = announcing("import", capture.undoLastImport);
