import type { ProgramSettings } from "../../../referral/settings";
import { listReferralLinks } from "../../../storage/links";
import { loadTracker } from "../../../storage/referrals";
import { Pending, useDb, useLoad, useWalletChanged } from "../../shared/app";
import { useServices } from "../../shared/services";
import { LinksCard } from "./LinksCard";
import { ReferralCard } from "./ReferralCard";

interface Props {
  settings: ProgramSettings;
  autoCopy: boolean;
  onAutoCopyDone: () => void;
  /** The popup just opened on this tab (see ReferralCard). */
  opening: boolean;
  onSettingsChanged: () => void;
}

/** The tab the popup opens on: the referral card, then the saved links. */
export function ReferralTab({ settings, autoCopy, onAutoCopyDone, opening, onSettingsChanged }: Props) {
  const db = useDb();
  const services = useServices();
  const loaded = useLoad(async () => {
    const [links, tracker] = await Promise.all([
      listReferralLinks(db, settings.id),
      loadTracker(db, { now: services.now(), programId: settings.id, timeZone: services.timeZone }),
    ]);
    return { links, warning: tracker.warning };
  }, [db, settings]);
  useWalletChanged(loaded.reload);

  if (loaded.error !== undefined || loaded.data === undefined)
    return <Pending error={loaded.error} onRetry={loaded.reload} />;
  const { links, warning } = loaded.data;
  return (
    <>
      <ReferralCard
        settings={settings}
        link={links[0]}
        warning={warning}
        autoCopy={autoCopy}
        onAutoCopyDone={onAutoCopyDone}
        opening={opening}
        onChanged={onSettingsChanged}
      />
      <LinksCard settings={settings} links={links} onChanged={loaded.reload} />
    </>
  );
}
