import type { ProgramSettings } from "../../referral/settings";
import { t } from "../../services/i18n";
import { SelectField } from "../shared/fields";

/** Shown only when the user keeps more than one referral program. */
export function ProgramPicker({
  programs,
  value,
  onChange,
}: {
  programs: readonly ProgramSettings[];
  value: string;
  onChange: (programId: string) => void;
}) {
  if (programs.length < 2) return null;
  return (
    <SelectField
      class="program-picker"
      label={t("programLabel")}
      value={value}
      onValue={onChange}
      choices={programs.map((p) => ({ value: p.id, label: p.name }))}
      testId="program-picker"
    />
  );
}
