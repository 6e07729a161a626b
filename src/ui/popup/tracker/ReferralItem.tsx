import { useState } from "preact/hooks";
import { parseLocalDateTime } from "../../../core/calendar";
import { CHASE_CAUSE_STATE, CHASE_CAUSES, type ReferralRecord } from "../../../referral/records";
import type { CapWarning } from "../../../referral/tracker";
import { dateLabel, money } from "../../../services/format";
import { say, t, tn } from "../../../services/i18n";
import { toStorageError } from "../../../storage/errors";
import type { ReferralEventInput } from "../../../storage/referrals";
import { useWriteContext } from "../../actions/announce";
import { creditReferral, recordReferralEvent, removeReferral } from "../../actions/referrals";
import { useAction, useReportError } from "../../shared/app";
import { ConfirmDeleteButtons, SmallButton, type Tone } from "../../shared/buttons";
import { TextField } from "../../shared/fields";
import { useServices } from "../../shared/services";
import { CapWarningBanner } from "./CapWarningBanner";
import { ChaseChecklist } from "./ChaseChecklist";
import { CAUSE_LABELS, STATE_LABELS } from "./labels";

/** Before a first order there is no order to cancel and no cap to hit: only the ineligible causes apply. */
const EARLY_CAUSES = CHASE_CAUSES.filter((c) => CHASE_CAUSE_STATE[c] === "ineligible");

/** Each action's words, and its words with the friend's name for a screen reader (spelled out, so the catalogue test sees both). */
const ACTIONS = {
  markRegistered: "markRegisteredNamed",
  markOrdered: "markOrderedNamed",
  markCredited: "markCreditedNamed",
  markVoided: "markVoidedNamed",
  whyNot: "whyNotNamed",
  reopen: "reopenNamed",
  happenedEarlier: "happenedEarlierNamed",
  delete: "deleteNamed",
} as const;
type ActionKey = keyof typeof ACTIONS;

type Pending = "confirm-order" | "cap-reached" | "why" | "delete" | undefined;

interface Props {
  record: ReferralRecord;
  warning: CapWarning;
  /** Hours since the first order when the reward is overdue (past `chaseAfterHours`). */
  overdueHours: number | undefined;
  timeZone: string;
  /** The program's `maxAccountsPerDevice`, named beside the checklist's device-limit answer. */
  accountsPerDevice: number;
  onChanged: () => void;
}

/** One friend's referral: its state, its dates, and the next steps it allows. */
export function ReferralItem({
  record: r,
  warning,
  overdueHours,
  timeZone,
  accountsPerDevice,
  onChanged,
}: Props) {
  const services = useServices();
  const writer = useWriteContext();
  const report = useReportError();
  const { run, busy } = useAction();
  const [pending, setPending] = useState<Pending>();
  const [capMessage, setCapMessage] = useState("");
  // Steps are often recorded late; the date decides the cap's month and the chase clock.
  const [askWhen, setAskWhen] = useState(false);
  const [when, setWhen] = useState("");
  const [whenError, setWhenError] = useState<string | undefined>();
  const { locale } = services;
  const name = r.friend || t("friendUnnamed");
  /** One of the referral's actions: its words, and the friend's name for a screen reader. */
  const action = (
    key: ActionKey,
    testId: string,
    onClick: () => void,
    options: { tone?: Tone; disabled?: boolean; expanded?: boolean } = {},
  ) => (
    <SmallButton
      {...options}
      label={t(key)}
      named={t(ACTIONS[key], name)}
      testId={testId}
      onClick={onClick}
    />
  );

  const done = () => {
    setPending(undefined);
    setAskWhen(false);
    setWhen("");
    onChanged();
  };
  /** When the step being recorded happened: now, or the earlier time the user entered. */
  const stepAt = (): number | undefined => {
    const now = services.now();
    if (when.trim() === "") return now;
    const ms = parseLocalDateTime(when, timeZone);
    if (ms === null || ms > now) {
      setWhenError(t("whenInvalid"));
      return undefined;
    }
    setWhenError(undefined);
    return ms;
  };
  /** A step storage refused because it does not fit the record (a date before the last step): said by the date field. */
  const refusedStep = (e: unknown): boolean => {
    const err = toStorageError(e);
    if (err.kind !== "invalid-transition") return false;
    setWhenError(say(err.text));
    setAskWhen(true);
    return true;
  };
  const event = async (make: (at: number) => ReferralEventInput) => {
    const at = stepAt();
    if (at === undefined) return;
    let refused = false;
    const recorded = await run(async () => {
      try {
        await recordReferralEvent(writer, r.id, make(at), { timeZone: services.timeZone, locale });
      } catch (e) {
        if (!refusedStep(e)) throw e;
        refused = true;
      }
    });
    if (recorded && !refused) done();
  };
  const credit = async (allowOverCap: boolean) => {
    const at = stepAt();
    if (at === undefined) return;
    try {
      await creditReferral(writer, r.id, at, { timeZone: services.timeZone, allowOverCap, locale });
      done();
    } catch (e) {
      const err = toStorageError(e);
      if (err.kind === "cap-reached") {
        // Storage's own sentence: its cap and the month in the program's zone, in the reader's language.
        setCapMessage(say(err.text));
        setPending("cap-reached");
      } else if (!refusedStep(err)) report(err);
    }
  };
  const order = () => {
    if (warning.level === "over-cap" && pending !== "confirm-order") setPending("confirm-order");
    else void event((at) => ({ type: "order", at }));
  };

  const dates = [
    t("invitedOn", dateLabel(r.invitedAt, locale, timeZone)),
    r.orderedAt !== undefined ? t("orderedOn", dateLabel(r.orderedAt, locale, timeZone)) : "",
    r.creditedAt !== undefined ? t("creditedOn", dateLabel(r.creditedAt, locale, timeZone)) : "",
    r.closedAt !== undefined ? t("closedOn", dateLabel(r.closedAt, locale, timeZone)) : "",
  ].filter(Boolean);

  return (
    <li class="referral" data-testid="referral-item" data-state={r.state} data-referral-id={r.id}>
      <div class="referral-head">
        <span class="referral-name">{name}</span>
        <span class={`chip state-${r.state}`} data-testid="referral-state">
          {t(STATE_LABELS[r.state])}
        </span>
        {overdueHours !== undefined && (
          <span class="chip chip-warning" data-testid="overdue">
            {t("overdueChip")}
          </span>
        )}
      </div>
      <p class="referral-dates">{dates.join(" · ")}</p>
      {r.cause !== undefined && <p class="referral-cause">{t(CAUSE_LABELS[r.cause])}</p>}
      {askWhen && (
        <TextField
          label={t("whenLabel")}
          hint={t("whenHint")}
          type="datetime-local"
          value={when}
          onValue={(v) => {
            setWhen(v);
            setWhenError(undefined);
          }}
          error={whenError}
          testId="step-when"
        />
      )}
      {r.state === "credited" && r.rewardValue !== undefined && (
        <p class="referral-reward">
          {t("rewardInWallet", money(r.rewardValue, r.rewardCurrency ?? "USD", locale))}
        </p>
      )}

      {pending === "confirm-order" && (
        <div class="confirm" data-testid="confirm-order">
          <CapWarningBanner warning={warning} />
          <div class="button-row">
            <SmallButton
              label={t("recordOrderAnyway")}
              testId="order-anyway"
              disabled={busy}
              onClick={order}
            />
            <SmallButton tone="quiet" label={t("cancel")} onClick={() => setPending(undefined)} />
          </div>
        </div>
      )}
      {pending === "cap-reached" && (
        <div class="confirm" data-testid="cap-reached">
          <p class="banner banner-warning" role="alert">
            {capMessage}
          </p>
          <div class="button-row">
            <SmallButton
              label={t("markOverCap")}
              testId="mark-over-cap"
              disabled={busy}
              onClick={() => event((at) => ({ type: "over-cap", at }))}
            />
            <SmallButton
              tone="quiet"
              label={t("creditAnyway")}
              testId="credit-anyway"
              disabled={busy}
              onClick={() => credit(true)}
            />
          </div>
        </div>
      )}
      {pending === "why" && (
        <ChaseChecklist
          causes={r.state === "ordered" ? CHASE_CAUSES : EARLY_CAUSES}
          accountsPerDevice={accountsPerDevice}
          busy={busy}
          onAnswer={(cause) => event((at) => ({ type: "resolve", at, cause }))}
          onCancel={() => setPending(undefined)}
        />
      )}
      {pending === "delete" && (
        <div class="button-row">
          <ConfirmDeleteButtons
            testId="delete-referral"
            busy={busy}
            onConfirm={async () => {
              if (await run(() => removeReferral(writer, r.id))) done();
            }}
            onCancel={() => setPending(undefined)}
          />
        </div>
      )}

      {pending === undefined && overdueHours !== undefined && (
        <div class="chase" data-testid="chase">
          <p class="chase-intro">{tn("chaseIntro", overdueHours, overdueHours)}</p>
          <ChaseChecklist
            accountsPerDevice={accountsPerDevice}
            busy={busy}
            onAnswer={(cause) => event((at) => ({ type: "resolve", at, cause }))}
          />
        </div>
      )}
      {pending === undefined && (
        <div class="button-row referral-actions">
          {r.state === "invited" &&
            action("markRegistered", "mark-registered", () => event((at) => ({ type: "register", at })), {
              disabled: busy,
            })}
          {(r.state === "invited" || r.state === "registered") &&
            action("markOrdered", "mark-ordered", order, { disabled: busy })}
          {r.state === "ordered" && (
            <>
              {action("markCredited", "mark-credited", () => credit(false), {
                tone: "primary",
                disabled: busy,
              })}
              {action("markVoided", "mark-voided", () => event((at) => ({ type: "void", at })), {
                disabled: busy,
              })}
            </>
          )}
          {(r.state === "invited" ||
            r.state === "registered" ||
            (r.state === "ordered" && overdueHours === undefined)) &&
            action("whyNot", "why-not", () => setPending("why"), { tone: "quiet" })}
          {(r.state === "voided" || r.state === "ineligible" || r.state === "over-cap") &&
            action("reopen", "reopen", () => event((at) => ({ type: "reopen", at })), {
              tone: "quiet",
              disabled: busy,
            })}
          {r.state !== "credited" &&
            !askWhen &&
            action("happenedEarlier", "happened-earlier", () => setAskWhen(true), {
              tone: "quiet",
              expanded: askWhen,
            })}
          {action("delete", "delete-referral", () => setPending("delete"), { tone: "danger-text" })}
        </div>
      )}
    </li>
  );
}
