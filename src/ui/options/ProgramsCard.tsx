import { useState } from "preact/hooks";
import { t } from "../../services/i18n";
import { listPrograms } from "../../storage/programs";
import { useWriteContext } from "../actions/announce";
import { removeProgram, saveProgramSettings } from "../actions/programs";
import { useAction, useDb, useLoad } from "../shared/app";
import { DeleteWithConfirm } from "../shared/buttons";
import { ErrorBanner } from "../shared/ErrorBanner";
import { Card, SelectField, TextField } from "../shared/fields";
import { useServices } from "../shared/services";
import { ProgramSettingsForm } from "./ProgramSettingsForm";
import { isBuiltInProgram, newProgram } from "./programForm";

/** The referral programs the user keeps, each with its own settings. */
export function ProgramsCard() {
  const db = useDb();
  const _services = useServices();
  const writer = useWriteContext();
  const { run, busy } = useAction();
  const programs = useLoad(() => listPrograms(db), [db]);
  const [selected, setSelected] = useState<string | undefined>();
  const [newName, setNewName] = useState("");

  if (programs.error !== undefined) return <ErrorBanner error={programs.error} onRetry={programs.reload} />;
  if (programs.data === undefined) return null;
  const list = programs.data;
  const current = list.find((p) => p.id === selected) ?? list[0];

  const add = async (e: Event) => {
    e.preventDefault();
    const name = newName.trim();
    if (name === "") return;
    const program = newProgram(name);
    if (await run(() => saveProgramSettings(writer, program))) {
      setNewName("");
      setSelected(program.id);
      programs.reload();
    }
  };

  const remove = async (programId: string) => {
    if (await run(() => removeProgram(writer, programId))) {
      setSelected(undefined);
      programs.reload();
    }
  };

  return (
    <Card title={t("programsCardTitle")} testId="programs-card">
      <p class="card-intro">{t("programsIntro")}</p>
      {list.length > 1 && (
        <SelectField
          label={t("programLabel")}
          value={current?.id ?? ""}
          onValue={setSelected}
          choices={list.map((p) => ({ value: p.id, label: p.name }))}
          testId="options-program"
        />
      )}
      {current !== undefined && (
        <ProgramSettingsForm key={current.id} settings={current} onSaved={programs.reload} />
      )}
      {current !== undefined && !isBuiltInProgram(current.id) && (
        <div class="button-row" data-testid="delete-program-row">
          <DeleteWithConfirm
            key={current.id}
            label={t("deleteProgram")}
            warning={t("deleteProgramWarning")}
            testId="delete-program"
            busy={busy}
            onConfirm={() => remove(current.id)}
          />
        </div>
      )}
      <form class="inline-form add-program" onSubmit={add}>
        <TextField
          label={t("newProgramLabel")}
          value={newName}
          onValue={setNewName}
          maxLength={80}
          testId="new-program-name"
        />
        <button type="submit" class="btn" disabled={busy || newName.trim() === ""} data-testid="add-program">
          {t("addProgram")}
        </button>
      </form>
    </Card>
  );
}
