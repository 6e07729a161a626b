import { useState } from "preact/hooks";
import type { Coins } from "../../../../optimizer/schema";
import { money, numberLabel, percentLabel } from "../../../services/format";
import { say, t, tn } from "../../../services/i18n";
import { coinsValue } from "../../../wallet/coupons";
import { type CoinsField, type CoinsForm, type FieldErrors, validateCoinsForm } from "../../../wallet/form";
import { useWriteContext } from "../../actions/announce";
import { clearCoins, saveCoins } from "../../actions/wallet";
import { useAction } from "../../shared/app";
import { FormButtons, SmallButton } from "../../shared/buttons";
import { fieldBinder, TextField } from "../../shared/fields";
import { useServices } from "../../shared/services";

const toForm = (c: Coins | undefined): CoinsForm => ({
  balance: c === undefined ? "" : String(c.balance),
  centsPerCoin: c === undefined ? "1" : String(c.centsPerCoin),
  maxPercent: c?.maxPercent === undefined ? "" : String(c.maxPercent),
});

/** The coins balance, what it is worth, and the rules that limit spending it. */
export function CoinsCard({
  coins,
  currency,
  onChanged,
}: {
  coins: Coins | undefined;
  currency: string;
  onChanged: () => void;
}) {
  const { locale } = useServices();
  const writer = useWriteContext();
  const { run, busy } = useAction();
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState<CoinsForm>(toForm(coins));
  const [errors, setErrors] = useState<FieldErrors<CoinsField>>({});
  const set = (field: CoinsField) => (value: string) => setForm((f) => ({ ...f, [field]: value }));
  const bind = fieldBinder(form, set, (field) => say(errors[field]));

  const submit = async (e: Event) => {
    e.preventDefault();
    const result = validateCoinsForm(form, { locale });
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    if (await run(() => saveCoins(writer, result.value))) {
      setEditing(false);
      onChanged();
    }
  };

  if (editing)
    return (
      <form class="balance-form" onSubmit={submit} noValidate data-testid="coins-form">
        <h3>{t("coinsTitle")}</h3>
        <TextField
          {...bind("balance")}
          label={t("coinsBalanceLabel")}
          inputMode="numeric"
          testId="coins-balance"
        />
        <div class="field-pair">
          <TextField
            {...bind("centsPerCoin")}
            label={t("centsPerCoinLabel")}
            inputMode="numeric"
            testId="coins-cents"
          />
          <TextField
            {...bind("maxPercent")}
            label={t("coinsMaxPercentLabel")}
            hint={t("optional")}
            inputMode="decimal"
            testId="coins-max-percent"
          />
        </div>
        <FormButtons
          submit={t("save")}
          testId="save-coins"
          disabled={busy}
          onCancel={() => setEditing(false)}
        />
      </form>
    );

  return (
    <div class="balance" data-testid="coins">
      <div class="balance-text">
        <h3>{t("coinsTitle")}</h3>
        {coins === undefined ? (
          <p class="muted-text">{t("noCoins")}</p>
        ) : (
          <>
            <p class="balance-amount" data-testid="coins-balance-shown">
              {tn(
                "coinsBalance",
                coins.balance,
                numberLabel(coins.balance, locale),
                money(coinsValue(coins), currency, locale),
              )}
            </p>
            <p class="balance-rules">
              {t("coinsRule", money(coins.centsPerCoin, currency, locale))}
              {coins.maxPercent !== undefined &&
                ` ${t("coinsMaxRule", percentLabel(coins.maxPercent, locale))}`}
            </p>
          </>
        )}
      </div>
      <div class="button-row">
        <SmallButton
          label={coins === undefined ? t("addCoins") : t("edit")}
          testId="edit-coins"
          onClick={() => {
            setForm(toForm(coins));
            setEditing(true);
          }}
        />
        {coins !== undefined && (
          <SmallButton
            tone="danger-text"
            label={t("remove")}
            named={t("removeCoinsLabel")}
            disabled={busy}
            onClick={async () => {
              if (await run(() => clearCoins(writer))) onChanged();
            }}
          />
        )}
      </div>
    </div>
  );
}
