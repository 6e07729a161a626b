/** Referral links, written and announced together (the toolbar menu copies the default one). */
import * as storage from "../../storage/links";
import { announcing } from "./announce";

export const addReferralLink = announcing("links", storage.addReferralLink);
export const renameReferralLink = announcing("links", storage.renameReferralLink);
export const setDefaultReferralLink = announcing("links", storage.setDefaultReferralLink);
export const removeReferralLink = announcing("links", storage.removeReferralLink);
