import type { ChaseCause, ReferralState } from "../../../referral/records";
import type { MessageKey } from "../../i18n";

export const STATE_LABELS: Record<ReferralState, MessageKey> = {
  invited: "stateInvited",
  registered: "stateRegistered",
  ordered: "stateOrdered",
  credited: "stateCredited",
  voided: "stateVoided",
  ineligible: "stateIneligible",
  "over-cap": "stateOverCap",
};

export const CAUSE_LABELS: Record<ChaseCause, MessageKey> = {
  "had-account": "causeHadAccount",
  "not-via-link": "causeNotViaLink",
  "order-cancelled": "causeOrderCancelled",
  "cap-reached": "causeCapReached",
  "other-code": "causeOtherCode",
  "device-limit": "causeDeviceLimit",
  flagged: "causeFlagged",
  region: "causeRegion",
};
