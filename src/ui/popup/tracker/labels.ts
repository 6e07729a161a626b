// The popup names states and checklist answers with the same messages as the referral rules' refusals.
export {
  CHASE_CAUSE_TEXTS as CAUSE_LABELS,
  REFERRAL_STATE_TEXTS as STATE_LABELS,
} from "../../../referral/records";
