import { useEffect, useState } from "preact/hooks";
import type { ProgramSettings } from "../../../referral/settings";
import { renderShareMessage, validateShareTemplate } from "../../../referral/share";
import { say, t } from "../../../services/i18n";
import { useWriteContext } from "../../actions/announce";
import { updateProgramSettings } from "../../actions/programs";
import { useAction } from "../../shared/app";
import { TextAreaField } from "../../shared/fields";

interface Props {
  settings: ProgramSettings;
  link: string;
  onCopy: (message: string) => void;
  onSaved: () => void;
}

/** The share message: the program's editable template with the link filled in. */
export function ShareMessage({ settings, link, onCopy, onSaved }: Props) {
  const writer = useWriteContext();
  const { run, busy } = useAction();
  const [editing, setEditing] = useState(false);
  const [template, setTemplate] = useState(settings.shareTemplate);
  useEffect(() => setTemplate(settings.shareTemplate), [settings.shareTemplate]);
  const problems = validateShareTemplate(template);
  const values = { link, welcome: settings.welcomeCouponsForFriend, program: settings.name };
  const message = renderShareMessage(problems.length === 0 ? template : settings.shareTemplate, values);

  const save = async () => {
    if (problems.length > 0) return;
    const ok = await run(() => updateProgramSettings(writer, settings.id, { shareTemplate: template }));
    if (ok) {
      setEditing(false);
      onSaved();
    }
  };

  return (
    <div class="share" data-testid="share-message">
      <div class="button-row">
        <button type="button" class="btn" onClick={() => onCopy(message)} data-testid="copy-share-message">
          {t("copyShareMessage")}
        </button>
        <button
          type="button"
          class="btn btn-quiet"
          aria-expanded={editing}
          aria-label={editing ? t("closeShareMessage") : t("editShareMessage")}
          onClick={() => setEditing(!editing)}
          data-testid="edit-share-message"
        >
          {editing ? t("close") : t("edit")}
        </button>
      </div>
      {editing && (
        <div class="share-editor">
          <TextAreaField
            label={t("shareTemplateLabel")}
            hint={t("shareTemplateHint")}
            value={template}
            onValue={setTemplate}
            rows={4}
            maxLength={1000}
            error={say(problems[0])}
            testId="share-template"
          />
          <p class="preview-label">{t("sharePreview")}</p>
          <p class="share-preview" data-testid="share-preview">
            {message}
          </p>
          <div class="button-row">
            <button type="button" class="btn" disabled={busy || problems.length > 0} onClick={save}>
              {t("saveShareMessage")}
            </button>
            <button
              type="button"
              class="btn btn-quiet"
              onClick={() => setTemplate(settings.shareTemplate)}
              disabled={template === settings.shareTemplate}
            >
              {t("undoChanges")}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
