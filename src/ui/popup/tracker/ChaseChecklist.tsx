import { useId, useState } from "preact/hooks";
import { CHASE_CAUSE_STATE, CHASE_CAUSES, type ChaseCause } from "../../../referral/records";
import { t, tn } from "../../../services/i18n";
import { SmallButton } from "../../shared/buttons";
import { CAUSE_LABELS, STATE_LABELS } from "./labels";

/**
 * The spec's checklist of why a reward did not come. The user's answer moves
 * the record to the state that cause implies (voided, ineligible, over the cap).
 */
export function ChaseChecklist({
  causes = CHASE_CAUSES,
  accountsPerDevice,
  busy,
  onAnswer,
  onCancel,
}: {
  causes?: readonly ChaseCause[];
  /** How many accounts the program lets take part from one device; helps the user judge the device-limit answer. */
  accountsPerDevice?: number;
  busy: boolean;
  onAnswer: (cause: ChaseCause) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const [cause, setCause] = useState<ChaseCause | undefined>();
  return (
    <form
      class="checklist"
      data-testid="chase-checklist"
      onSubmit={(e) => {
        e.preventDefault();
        if (cause !== undefined) onAnswer(cause);
      }}
    >
      <fieldset>
        <legend>{t("checklistLegend")}</legend>
        {causes.map((c) => (
          <label key={c} class="radio radio-block">
            <input
              type="radio"
              name={`cause-${id}`}
              value={c}
              checked={cause === c}
              onChange={() => setCause(c)}
              data-testid={`cause-${c}`}
            />
            <span>
              {t(CAUSE_LABELS[c])}
              <span class="muted-text"> · {t("movesTo", t(STATE_LABELS[CHASE_CAUSE_STATE[c]]))}</span>
              {c === "device-limit" && accountsPerDevice !== undefined && (
                <span class="muted-text" data-testid="device-limit-note">
                  {" "}
                  · {tn("deviceLimitNote", accountsPerDevice, accountsPerDevice)}
                </span>
              )}
            </span>
          </label>
        ))}
      </fieldset>
      <div class="button-row">
        <button
          type="submit"
          class="btn btn-small"
          disabled={busy || cause === undefined}
          data-testid="record-answer"
        >
          {t("recordAnswer")}
        </button>
        {onCancel !== undefined && <SmallButton tone="quiet" label={t("cancel")} onClick={onCancel} />}
      </div>
    </form>
  );
}
