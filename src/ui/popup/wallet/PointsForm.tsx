import { useState } from "preact/hooks";
import type { Points } from "../../../../optimizer/schema";
import { localDate } from "../../../referral/calendar";
import {
  type FieldErrors,
  type PointsField,
  type PointsForm as PointsFormFields,
  validatePointsForm,
} from "../../../wallet/form";
import { useWriteContext } from "../../actions/announce";
import { savePoints } from "../../actions/wallet";
import { say, t } from "../../i18n";
import { useAction } from "../../shared/app";
import { TextField } from "../../shared/fields";
import { useServices } from "../../shared/services";

const toForm = (p: Points | undefined, timeZone: string): PointsFormFields => ({
  storeId: p?.storeId ?? "",
  balance: p === undefined ? "" : String(p.balance),
  centsPerPoint: p === undefined ? "1" : String(p.centsPerPoint),
  minRedeem: p === undefined || p.minRedeem === 0 ? "" : String(p.minRedeem),
  maxPerOrder: p?.maxPerOrder === undefined ? "" : String(p.maxPerOrder),
  expiresAt: p?.expiresAt === undefined ? "" : localDate(p.expiresAt, timeZone),
});

/** Adds a store's loyalty points or edits them (the store stays fixed when editing). */
export function PointsForm({
  points,
  timeZone,
  onDone,
}: {
  points?: Points;
  timeZone: string;
  onDone: (saved: boolean) => void;
}) {
  const services = useServices();
  const writer = useWriteContext();
  const { run, busy } = useAction();
  const [form, setForm] = useState<PointsFormFields>(toForm(points, timeZone));
  const [errors, setErrors] = useState<FieldErrors<PointsField>>({});
  const set = (field: PointsField) => (value: string) => setForm((f) => ({ ...f, [field]: value }));

  const submit = async (e: Event) => {
    e.preventDefault();
    const result = validatePointsForm(form, { timeZone, locale: services.locale, now: services.now() });
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    if (await run(() => savePoints(writer, result.value))) {
      onDone(true);
    }
  };

  return (
    <form class="balance-form" onSubmit={submit} noValidate data-testid="points-form">
      <h3>{points === undefined ? t("addPointsTitle") : t("editPointsTitle", points.storeId)}</h3>
      <TextField
        label={t("pointsStoreLabel")}
        value={form.storeId}
        onValue={set("storeId")}
        disabled={points !== undefined}
        error={say(errors.storeId)}
        testId="points-store"
      />
      <div class="field-pair">
        <TextField
          label={t("pointsBalanceLabel")}
          value={form.balance}
          onValue={set("balance")}
          inputMode="numeric"
          error={say(errors.balance)}
          testId="points-balance"
        />
        <TextField
          label={t("centsPerPointLabel")}
          value={form.centsPerPoint}
          onValue={set("centsPerPoint")}
          inputMode="numeric"
          error={say(errors.centsPerPoint)}
          testId="points-cents"
        />
      </div>
      <div class="field-pair">
        <TextField
          label={t("minRedeemLabel")}
          hint={t("optional")}
          value={form.minRedeem}
          onValue={set("minRedeem")}
          inputMode="numeric"
          error={say(errors.minRedeem)}
        />
        <TextField
          label={t("maxPerOrderLabel")}
          hint={t("optional")}
          value={form.maxPerOrder}
          onValue={set("maxPerOrder")}
          inputMode="numeric"
          error={say(errors.maxPerOrder)}
        />
      </div>
      <TextField
        label={t("pointsExpiryLabel")}
        hint={t("optional")}
        type="date"
        value={form.expiresAt}
        onValue={set("expiresAt")}
        error={say(errors.expiresAt)}
      />
      <div class="button-row">
        <button type="submit" class="btn btn-primary" disabled={busy} data-testid="save-points">
          {t("save")}
        </button>
        <button type="button" class="btn btn-quiet" onClick={() => onDone(false)}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
