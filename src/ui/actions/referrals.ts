/** Referral records, written and announced together (a credit also adds the reward coupon). */
import * as storage from "../../storage/referrals";
import { announcing } from "./announce";

export const addReferral = announcing("referrals", storage.addReferral);
export const creditReferral = announcing("referrals", storage.creditReferral);
export const recordReferralEvent = announcing("referrals", storage.recordReferralEvent);
export const removeReferral = announcing("referrals", storage.removeReferral);
