import type { ReferralRecord } from "../../../referral/records";
import { t, tn } from "../../../services/i18n";
import { getProgramSettings } from "../../../storage/programs";
import { listReferrals, loadTracker } from "../../../storage/referrals";
import { Pending, useDb, useLoad, useWalletChanged } from "../../shared/app";
import { Card } from "../../shared/fields";
import { useServices } from "../../shared/services";
import { CapCard } from "./CapCard";
import { CapWarningBanner } from "./CapWarningBanner";
import { HistoryCard } from "./HistoryCard";
import { InviteForm } from "./InviteForm";
import { ReferralItem } from "./ReferralItem";

/** The monthly-cap tracker: this month against the cap, the referrals to follow up, and the history. */
export function TrackerTab({ programId, timeZone }: { programId: string; timeZone: string }) {
  const db = useDb();
  const services = useServices();
  const loaded = useLoad(async () => {
    const [tracker, records, settings] = await Promise.all([
      loadTracker(db, { now: services.now(), programId, timeZone: services.timeZone }),
      listReferrals(db, programId),
      getProgramSettings(db, programId),
    ]);
    return { tracker, records, accountsPerDevice: settings.maxAccountsPerDevice };
  }, [db, programId]);
  useWalletChanged(loaded.reload);

  if (loaded.error !== undefined || loaded.data === undefined)
    return <Pending error={loaded.error} onRetry={loaded.reload} />;
  const { tracker, records, accountsPerDevice } = loaded.data;
  const overdue = new Map(tracker.chase.map((c) => [c.record.id, c.hoursWaiting]));
  // Overdue rewards first: they are the ones that need the user now.
  const ordered: ReferralRecord[] = [
    ...records.filter((r) => overdue.has(r.id)),
    ...records.filter((r) => !overdue.has(r.id)),
  ];

  return (
    <>
      <CapCard month={tracker.current} timeZone={timeZone} />
      <CapWarningBanner warning={tracker.warning} />
      {tracker.chase.length > 0 && (
        <div class="banner banner-warning" role="status" data-testid="chase-summary">
          <p class="banner-message">{tn("chaseSummary", tracker.chase.length, tracker.chase.length)}</p>
        </div>
      )}
      <Card title={t("referralsCardTitle")} testId="referrals-card">
        <InviteForm programId={programId} onAdded={loaded.reload} />
        {records.length === 0 ? (
          <p class="empty">{t("noReferrals")}</p>
        ) : (
          <ul class="referral-list" data-testid="referral-list">
            {ordered.map((r) => (
              <ReferralItem
                key={r.id}
                record={r}
                warning={tracker.warning}
                overdueHours={overdue.get(r.id)}
                timeZone={timeZone}
                accountsPerDevice={accountsPerDevice}
                onChanged={loaded.reload}
              />
            ))}
          </ul>
        )}
      </Card>
      <HistoryCard history={tracker.history} />
    </>
  );
}
