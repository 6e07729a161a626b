import { useMemo, useState } from "preact/hooks";
import { COUPON_KINDS } from "../../../optimizer/schema";
import type { ProgramSettings } from "../../referral/settings";
import { useWriteContext } from "../actions/announce";
import { resetProgramSettings, saveProgramSettings } from "../actions/programs";
import { t } from "../i18n";
import { useAction } from "../shared/app";
import { KIND_LABELS } from "../shared/couponText";
import { RadioGroup, SelectField, TextAreaField, TextField } from "../shared/fields";
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
      <TextField
        label={t("programNameLabel")}
        value={form.name}
        onValue={set("name")}
        error={errors.name}
        testId="program-name"
      />

      <fieldset class="group">
        <legend>{t("rewardLegend")}</legend>
        <SelectField
          label={t("couponKindLabel")}
          value={form.rewardKind}
          onValue={set("rewardKind")}
          choices={COUPON_KINDS.map((k) => ({ value: k, label: t(KIND_LABELS[k]) }))}
          error={errors.rewardKind}
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
              label={t("amountLabel")}
              value={form.rewardAmount}
              onValue={set("rewardAmount")}
              inputMode="decimal"
              error={errors.rewardAmount}
              testId="reward-amount"
            />
          ) : (
            <>
              <TextField
                label={t("percentLabel")}
                value={form.rewardPercent}
                onValue={set("rewardPercent")}
                inputMode="decimal"
                error={errors.rewardPercent}
              />
              <TextField
                label={t("maxOffLabel")}
                hint={t("optional")}
                value={form.rewardMaxOff}
                onValue={set("rewardMaxOff")}
                inputMode="decimal"
                error={errors.rewardMaxOff}
              />
            </>
          )}
          <TextField
            label={t("minSpendLabel")}
            value={form.rewardMinSpend}
            onValue={set("rewardMinSpend")}
            inputMode="decimal"
            error={errors.rewardMinSpend}
          />
          <TextField
            label={t("currencyLabel")}
            value={form.rewardCurrency}
            onValue={(v) => set("rewardCurrency")(v.toUpperCase())}
            maxLength={3}
            error={errors.rewardCurrency}
          />
        </div>
        {form.rewardKind === "store" && (
          <TextField
            label={t("storeLabelRequired")}
            value={form.rewardStoreId}
            onValue={set("rewardStoreId")}
            error={errors.rewardStoreId}
          />
        )}
        {form.rewardKind === "promo" && (
          <TextField
            label={t("codeLabelRequired")}
            value={form.rewardCode}
            onValue={set("rewardCode")}
            error={errors.rewardCode}
          />
        )}
        <TextField
          label={t("rewardValidDaysLabel")}
          value={form.rewardValidDays}
          onValue={set("rewardValidDays")}
          inputMode="numeric"
          error={errors.rewardValidDays}
        />
      </fieldset>

      <fieldset class="group">
        <legend>{t("capLegend")}</legend>
        <div class="field-row">
          <TextField
            label={t("monthlyCapLabel")}
            value={form.monthlyCap}
            onValue={set("monthlyCap")}
            inputMode="numeric"
            error={errors.monthlyCap}
            testId="monthly-cap"
          />
          <TextField
            label={t("creditWithinHoursLabel")}
            value={form.creditWithinHours}
            onValue={set("creditWithinHours")}
            inputMode="numeric"
            error={errors.creditWithinHours}
          />
          <TextField
            label={t("chaseAfterHoursLabel")}
            value={form.chaseAfterHours}
            onValue={set("chaseAfterHours")}
            inputMode="numeric"
            error={errors.chaseAfterHours}
          />
          <TextField
            label={t("maxAccountsLabel")}
            value={form.maxAccountsPerDevice}
            onValue={set("maxAccountsPerDevice")}
            inputMode="numeric"
            error={errors.maxAccountsPerDevice}
          />
        </div>
        <SelectField
          label={t("timeZoneLabel")}
          hint={t("timeZoneHint")}
          value={form.timeZone}
          onValue={set("timeZone")}
          choices={[
            { value: "", label: t("timeZoneBrowser", services.timeZone) },
            ...zones.map((z) => ({ value: z, label: z })),
          ]}
          error={errors.timeZone}
          testId="time-zone"
        />
      </fieldset>

      <fieldset class="group">
        <legend>{t("linksLegend")}</legend>
        <TextAreaField
          label={t("allowedHostsLabel")}
          hint={t("allowedHostsHint")}
          value={form.allowedLinkHosts}
          onValue={set("allowedLinkHosts")}
          rows={2}
          spellcheck={false}
          error={errors.allowedLinkHosts}
        />
        <TextAreaField
          label={t("shortHostsLabel")}
          hint={t("shortHostsHint")}
          value={form.shortLinkHosts}
          onValue={set("shortLinkHosts")}
          rows={2}
          spellcheck={false}
          error={errors.shortLinkHosts}
          testId="short-hosts"
        />
        <TextField
          label={t("welcomeLabel")}
          hint={t("welcomeHint")}
          value={form.welcomeCouponsForFriend}
          onValue={set("welcomeCouponsForFriend")}
          maxLength={200}
          error={errors.welcomeCouponsForFriend}
        />
        <TextAreaField
          label={t("shareTemplateLabel")}
          hint={t("shareTemplateHint")}
          value={form.shareTemplate}
          onValue={set("shareTemplate")}
          rows={3}
          maxLength={1000}
          error={errors.shareTemplate}
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
