import { useState } from "preact/hooks";
import { t } from "../../../services/i18n";
import type { ReferralLinkView } from "../../../storage/links";
import { useWriteContext } from "../../actions/announce";
import { removeReferralLink, renameReferralLink, setDefaultReferralLink } from "../../actions/links";
import { useAction } from "../../shared/app";
import { DeleteWithConfirm, SmallButton } from "../../shared/buttons";
import { TextField } from "../../shared/fields";

/** One saved link: make it the default, rename it, or delete it. */
export function LinkItem({ link, onChanged }: { link: ReferralLinkView; onChanged: () => void }) {
  const writer = useWriteContext();
  const { run, busy } = useAction();
  const [renaming, setRenaming] = useState(false);
  const [label, setLabel] = useState(link.label);
  const name = link.label || link.value;
  const act = async (action: () => Promise<unknown>) => {
    if (await run(action)) onChanged();
  };

  return (
    <li class="link-item" data-testid="link-item" data-default={link.isDefault}>
      <div class="link-item-text">
        <span class="link-item-label">
          {link.label || t(link.kind === "code" ? "untitledCode" : "untitledLink")}
          {link.isDefault && (
            <span class="chip chip-accent" data-testid="default-chip">
              {t("defaultChip")}
            </span>
          )}
        </span>
        <code class="link-item-value" title={link.value}>
          {link.value}
        </code>
        {!link.allowed && <span class="field-error">{t("linkNoLongerAllowed")}</span>}
      </div>
      {renaming ? (
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => renameReferralLink(writer, link.id, label)).then(() => setRenaming(false));
          }}
        >
          <TextField label={t("linkLabelLabel")} value={label} onValue={setLabel} maxLength={100} />
          <div class="button-row">
            <button type="submit" class="btn btn-small" disabled={busy}>
              {t("save")}
            </button>
            <SmallButton tone="quiet" label={t("cancel")} onClick={() => setRenaming(false)} />
          </div>
        </form>
      ) : (
        <div class="button-row">
          {!link.isDefault && (
            <SmallButton
              label={t("makeDefault")}
              named={t("makeDefaultNamed", name)}
              testId="make-default"
              disabled={busy}
              onClick={() => act(() => setDefaultReferralLink(writer, link.id))}
            />
          )}
          <SmallButton
            tone="quiet"
            label={t("rename")}
            named={t("renameNamed", name)}
            onClick={() => setRenaming(true)}
          />
          <DeleteWithConfirm
            named={t("deleteNamed", name)}
            testId="delete-link"
            busy={busy}
            onConfirm={() => act(() => removeReferralLink(writer, link.id))}
          />
        </div>
      )}
    </li>
  );
}
