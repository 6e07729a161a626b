import { useState } from "preact/hooks";
import { t } from "../../../services/i18n";
import { useWriteContext } from "../../actions/announce";
import { addReferral } from "../../actions/referrals";
import { useAction } from "../../shared/app";
import { TextField } from "../../shared/fields";
import { useServices } from "../../shared/services";

/** Records that a friend was invited, so the tracker can follow the referral. */
export function InviteForm({ programId, onAdded }: { programId: string; onAdded: () => void }) {
  const services = useServices();
  const writer = useWriteContext();
  const { run, busy } = useAction();
  const [friend, setFriend] = useState("");
  const submit = async (e: Event) => {
    e.preventDefault();
    const ok = await run(() => addReferral(writer, { programId, friend, invitedAt: services.now() }));
    if (ok) {
      setFriend("");
      onAdded();
    }
  };
  return (
    <form class="invite-form" onSubmit={submit} data-testid="invite-form">
      <TextField
        label={t("friendLabel")}
        hint={t("optional")}
        value={friend}
        onValue={setFriend}
        maxLength={200}
        autoComplete="off"
        testId="friend-input"
      />
      <button type="submit" class="btn btn-primary" disabled={busy} data-testid="add-referral">
        {t("recordInvitation")}
      </button>
    </form>
  );
}
