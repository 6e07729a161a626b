import { useState } from "preact/hooks";
import type { Points } from "../../../../optimizer/schema";
import { localDate } from "../../../core/calendar";
import { say, t } from "../../../services/i18n";
import {
  type FieldErrors,
  type PointsField,
  type PointsForm as PointsFormFields,
  validatePointsForm,
} from "../../../wallet/form";
import { useWriteContext } from "../../actions/announce";
import { savePoints } from "../../actions/wallet";
import { useAction } from "../../shared/app";
import { FormButtons } from "../../shared/buttons";
import { fieldBinder, TextField } from "../../shared/fields";
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
  const bind = fieldBinder(form, set, (field) => say(errors[field]));

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
        {...bind("storeId")}
        label={t("pointsStoreLabel")}
        disabled={points !== undefined}
        testId="points-store"
      />
      <div class="field-pair">
        <TextField
          {...bind("balance")}
          label={t("pointsBalanceLabel")}
          inputMode="numeric"
          testId="points-balance"
        />
        <TextField
          {...bind("centsPerPoint")}
          label={t("centsPerPointLabel")}
          inputMode="numeric"
          testId="points-cents"
        />
      </div>
      <div class="field-pair">
        <TextField
          {...bind("minRedeem")}
          label={t("minRedeemLabel")}
          hint={t("optional")}
          inputMode="numeric"
        />
        <TextField
          {...bind("maxPerOrder")}
          label={t("maxPerOrderLabel")}
          hint={t("optional")}
          inputMode="numeric"
        />
      </div>
      <TextField {...bind("expiresAt")} label={t("pointsExpiryLabel")} hint={t("optional")} type="date" />
      <FormButtons submit={t("save")} testId="save-points" disabled={busy} onCancel={() => onDone(false)} />
    </form>
  );
}
