import { useMemo, useState } from "preact/hooks";
import { COUPON_KINDS } from "../../../optimizer/schema";
import type { ProgramSettings } from "../../referral/settings";
import { KIND_LABELS } from "../../services/coupon-labels";
import { t } from "../../services/i18n";
import { useWriteContext } from "../actions/announce";
import { resetProgramSettings, saveProgramSettings } from "../actions/programs";
import { useAction } from "../shared/app";
import { fieldBinder, RadioGroup, SelectField, TextAreaField, TextField } from "../shared/fields";
import { useServices } from "../shared/services";
import {
  formToProgram,
  isBuiltInProgram,
  type ProgramErrors,
  type ProgramField,
  type ProgramForm,
  programToForm,
} from "./programForm";

function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf?.("timeZone") ?? [];
  } catch {
    return [];
  }
}

/** Every number of a referral program, editable, because terms vary by region and change. */
export function ProgramSettingsForm({
  settings,
  onSaved,
}: {
  settings: ProgramSettings;
  onSaved: () => void;
}) {
  const services = useServices();
  const writer = useWriteContext();
  const { run, busy } = useAction();
  const [form, setForm] = useState<ProgramForm>(programToForm(settings, services.locale));
  const [errors, setErrors] = useState<ProgramErrors>({});
  const [saved, setSaved] = useState(false);
  const zones = useMemo(() => {
    const all = timeZones();
    if (form.timeZone !== "" && !all.includes(form.timeZone)) all.unshift(form.timeZone);
    return all;
  }, [form.timeZone]);
  const set = (field: ProgramField) => (value: string) => {
    setSaved(false);
    setForm((f) => ({ ...f, [field]: value }));
  };
  const bind = fieldBinder(form, set, (field) => errors[field]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const result = formToProgram(form, settings.id, services.locale);
    if (!result.ok) {
      setErrors(result.errors);
      setSaved(false);
      return;
    }
    setErrors({});
    if (await run(() => saveProgramSettings(writer, result.settings))) {
      setSaved(true);
      onSaved();
    }
  };

  const reset = async () => {
    let defaults: ProgramSettings | undefined;
    if (await run(async () => (defaults = await resetProgramSettings(writer, settings.id)))) {
      if (defaults !== undefined) setForm(programToForm(defaults, services.locale));
      setErrors({});
      setSaved(true);
      onSaved();
    }
  };

  return (
    <form class="program-form" onSubmit={submit} noValidate data-testid="program-form">
      {errors.form !== undefined && (
        <p class="field-error" role="alert">
          {errors.form}
        </p>
      )}
      <TextField {...bind("name")} label={t("programNameLabel")} testId="program-name" />

      <fieldset class="group">
        <legend>{t("rewardLegend")}</legend>
        <SelectField
          {...bind("rewardKind")}
          label={t("couponKindLabel")}
          choices={COUPON_KINDS.map((k) => ({ value: k, label: t(KIND_LABELS[k]) }))}
        />
        <RadioGroup
          legend={t("amountTypeLegend")}
          name="reward-amount-type"
          value={form.rewardAmountType}
          onValue={set("rewardAmountType")}
          choices={[
            { value: "fixed", label: t("amountTypeFixed") },
            { value: "percent", label: t("amountTypePercent") },
          ]}
        />
        <div class="field-row">
          {form.rewardAmountType === "fixed" ? (
            <TextField
              {...bind("rewardAmount")}
              label={t("amountLabel")}
              inputMode="decimal"
              testId="reward-amount"
            />
          ) : (
            <>
              <TextField {...bind("rewardPercent")} label={t("percentLabel")} inputMode="decimal" />
              <TextField
                {...bind("rewardMaxOff")}
                label={t("maxOffLabel")}
                hint={t("optional")}
                inputMode="decimal"
              />
            </>
          )}
          <TextField {...bind("rewardMinSpend")} label={t("minSpendLabel")} inputMode="decimal" />
          <TextField
            label={t("currencyLabel")}
            value={form.rewardCurrency}
            onValue={(v) => set("rewardCurrency")(v.toUpperCase())}
            maxLength={3}
            error={errors.rewardCurrency}
          />
        </div>
        {form.rewardKind === "store" && (
          <TextField {...bind("rewardStoreId")} label={t("storeLabelRequired")} />
        )}
        {form.rewardKind === "promo" && <TextField {...bind("rewardCode")} label={t("codeLabelRequired")} />}
        <TextField {...bind("rewardValidDays")} label={t("rewardValidDaysLabel")} inputMode="numeric" />
      </fieldset>

      <fieldset class="group">
        <legend>{t("capLegend")}</legend>
        <div class="field-row">
          <TextField
            {...bind("monthlyCap")}
            label={t("monthlyCapLabel")}
            inputMode="numeric"
            testId="monthly-cap"
          />
          <TextField {...bind("creditWithinHours")} label={t("creditWithinHoursLabel")} inputMode="numeric" />
          <TextField {...bind("chaseAfterHours")} label={t("chaseAfterHoursLabel")} inputMode="numeric" />
          <TextField {...bind("maxAccountsPerDevice")} label={t("maxAccountsLabel")} inputMode="numeric" />
        </div>
        <SelectField
          {...bind("timeZone")}
          label={t("timeZoneLabel")}
          hint={t("timeZoneHint")}
          choices={[
            { value: "", label: t("timeZoneBrowser", services.timeZone) },
            ...zones.map((z) => ({ value: z, label: z })),
          ]}
          testId="time-zone"
        />
      </fieldset>

      <fieldset class="group">
        <legend>{t("linksLegend")}</legend>
        <TextAreaField
          {...bind("allowedLinkHosts")}
          label={t("allowedHostsLabel")}
          hint={t("allowedHostsHint")}
          rows={2}
          spellcheck={false}
        />
        <TextAreaField
          {...bind("shortLinkHosts")}
          label={t("shortHostsLabel")}
          hint={t("shortHostsHint")}
          rows={2}
          spellcheck={false}
          testId="short-hosts"
        />
        <TextField
          {...bind("welcomeCouponsForFriend")}
          label={t("welcomeLabel")}
          hint={t("welcomeHint")}
          maxLength={200}
        />
        <TextAreaField
          {...bind("shareTemplate")}
          label={t("shareTemplateLabel")}
          hint={t("shareTemplateHint")}
          rows={3}
          maxLength={1000}
        />
      </fieldset>

      <div class="button-row">
        <button type="submit" class="btn btn-primary" disabled={busy} data-testid="save-program">
          {t("saveSettings")}
        </button>
        {isBuiltInProgram(settings.id) && (
          <button type="button" class="btn btn-quiet" disabled={busy} onClick={reset}>
            {t("resetDefaults")}
          </button>
        )}
        <span class="save-status" role="status" data-testid="program-saved">
          {saved ? t("settingsSaved") : ""}
        </span>
      </div>
    </form>
  );
}
