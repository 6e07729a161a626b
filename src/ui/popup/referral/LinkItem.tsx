import { useState } from "preact/hooks";
import type { ReferralLinkView } from "../../../storage/links";
import { useWriteContext } from "../../actions/announce";
import { removeReferralLink, renameReferralLink, setDefaultReferralLink } from "../../actions/links";
import { t } from "../../i18n";
import { useAction } from "../../shared/app";
import { TextField } from "../../shared/fields";

/** One saved link: make it the default, rename it, or delete it. */
export function LinkItem({ link, onChanged }: { link: ReferralLinkView; onChanged: () => void }) {
  const writer = useWriteContext();
  const { run, busy } = useAction();
  const [renaming, setRenaming] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
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
            <button type="button" class="btn btn-small btn-quiet" onClick={() => setRenaming(false)}>
              {t("cancel")}
            </button>
          </div>
        </form>
      ) : (
        <div class="button-row">
          {!link.isDefault && (
            <button
              type="button"
              class="btn btn-small"
              disabled={busy}
              onClick={() => act(() => setDefaultReferralLink(writer, link.id))}
              aria-label={t("makeDefaultNamed", name)}
              data-testid="make-default"
            >
              {t("makeDefault")}
            </button>
          )}
          <button
            type="button"
            class="btn btn-small btn-quiet"
            onClick={() => setRenaming(true)}
            aria-label={t("renameNamed", name)}
          >
            {t("rename")}
          </button>
          {confirmDelete ? (
            <>
              <button
                type="button"
                class="btn btn-small btn-danger"
                disabled={busy}
                onClick={() => act(() => removeReferralLink(writer, link.id))}
                data-testid="confirm-delete-link"
              >
                {t("confirmDelete")}
              </button>
              <button type="button" class="btn btn-small btn-quiet" onClick={() => setConfirmDelete(false)}>
                {t("cancel")}
              </button>
            </>
          ) : (
            <button
              type="button"
              class="btn btn-small btn-quiet btn-danger-text"
              onClick={() => setConfirmDelete(true)}
              aria-label={t("deleteNamed", name)}
              data-testid="delete-link"
            >
              {t("delete")}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
