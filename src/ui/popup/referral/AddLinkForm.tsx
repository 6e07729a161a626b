import { useState } from "preact/hooks";
import { validateReferralLink } from "../../../referral/links";
import type { ProgramSettings } from "../../../referral/settings";
import { say, t } from "../../../services/i18n";
import { toStorageError } from "../../../storage/errors";
import { useWriteContext } from "../../actions/announce";
import { addReferralLink } from "../../actions/links";
import { useReportError } from "../../shared/app";
import { describeError } from "../../shared/errors";
import { CheckboxField, TextField } from "../../shared/fields";
import { useServices } from "../../shared/services";

/**
 * Saves a referral link or bare code. A refused link stays in the field with
 * the reason beside it, so the user can see what to fix. The popup checks the
 * link against the program's rules itself, to word the refusal in the user's
 * language; storage checks again, and has the last word.
 */
export function AddLinkForm({ settings, onSaved }: { settings: ProgramSettings; onSaved: () => void }) {
  const services = useServices();
  const writer = useWriteContext();
  const report = useReportError();
  const [input, setInput] = useState("");
  const [label, setLabel] = useState("");
  const [makeDefault, setMakeDefault] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; reason: string | undefined } | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const check = validateReferralLink(input, settings);
    if (!check.ok) {
      setRefusal({ message: say(check.text), reason: check.reason });
      return;
    }
    setBusy(true);
    try {
      await addReferralLink(writer, {
        input,
        label,
        makeDefault,
        programId: settings.id,
        now: services.now(),
      });
      setInput("");
      setLabel("");
      setMakeDefault(false);
      setRefusal(undefined);
      onSaved();
    } catch (error) {
      const err = toStorageError(error);
      if (err.kind === "invalid-input")
        setRefusal({ message: describeError(err).message, reason: err.reason });
      else report(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="add-link"
      onSubmit={submit}
      data-testid="add-link-form"
      data-refusal={refusal?.reason}
      noValidate
    >
      <TextField
        label={t("linkInputLabel")}
        hint={refusal === undefined ? t("linkInputHint") : undefined}
        placeholder="https://s.click.aliexpress.com/e/…"
        value={input}
        onValue={(v) => {
          setInput(v);
          setRefusal(undefined);
        }}
        error={refusal?.message}
        testId="link-input"
        autoComplete="off"
        spellcheck={false}
        inputMode="url"
      />
      <TextField
        label={t("linkLabelLabel")}
        value={label}
        onValue={setLabel}
        maxLength={100}
        testId="link-label"
        placeholder={t("linkLabelPlaceholder")}
      />
      <CheckboxField label={t("makeDefaultLink")} checked={makeDefault} onChecked={setMakeDefault} />
      <button
        type="submit"
        class="btn btn-primary"
        disabled={busy || input.trim() === ""}
        data-testid="save-link"
      >
        {t("saveLink")}
      </button>
    </form>
  );
}
