import { useEffect, useRef, useState } from "preact/hooks";
import { t, tn } from "../../../services/i18n";
import { readWalletOverview } from "../../../storage/firstScreen";
import type { StoredCoupon } from "../../../storage/schemas";
import type { CouponFilter } from "../../../wallet/coupons";
import { useWriteContext } from "../../actions/announce";
import { undoLastImport } from "../../actions/wallet";
import { Pending, useAction, useDb, useLoad, useWalletChanged } from "../../shared/app";
import { Card } from "../../shared/fields";
import { useReturnFocus } from "../../shared/focus";
import { useServices } from "../../shared/services";
import { dropScreenCopy, type OpeningState } from "../earlyScreen";
import { CoinsCard } from "./CoinsCard";
import { CouponFilters } from "./CouponFilters";
import { CouponForm } from "./CouponForm";
import { afterNextFrame, CouponList, type PagesShown } from "./CouponList";
import { takeWalletFirstScreen } from "./firstScreen";
import { PasteCoupons } from "./PasteCoupons";
import { PointsList } from "./PointsList";
import { keepWalletPicture } from "./picture";

interface Props {
  currency: string;
  timeZone: string;
}

/** How long a read of the wallet waits for storage's state (the stamp) before it goes on without. */
const STATE_WAIT_MS = 250;

const within = <T,>(p: Promise<T>, ms: number): Promise<T | undefined> =>
  Promise.race([p, new Promise<undefined>((resolve) => setTimeout(resolve, ms))]);

/** Coupons sorted by expiry (usable, expired and used apart), coins and store points. */
export function WalletTab({ currency, timeZone }: Props) {
  const db = useDb();
  const services = useServices();
  // What storage held before each overview's reads began, and so before its lists' reads
  // (CouponList reads them for each new overview): the stamp a picture of them carries.
  const openings = useRef(new WeakMap<object, Promise<OpeningState | undefined>>());
  // Read while the popup loaded, when it opened on this tab (firstScreen.ts): taken once, and
  // read after what the popup's first script read.
  const [first] = useState(() => {
    const read = takeWalletFirstScreen(db);
    read?.promise.then(
      (f) => openings.current.set(f.overview, services.opening?.() ?? Promise.resolve(undefined)),
      () => undefined,
    );
    return read;
  });
  const firstOverview = useRef(first?.promise.then((f) => f.overview));
  // Counts, stores, coins and points; the coupons themselves come a page at a time (CouponList).
  const loaded = useLoad(() => {
    const fresh = async () => {
      // After this page's own writes have moved the stamp, so that a picture can follow them;
      // a storage slow to answer holds the wallet back a moment at most, and takes no picture.
      const opening = within(
        services.readOpening?.().catch(() => undefined) ?? Promise.resolve(undefined),
        STATE_WAIT_MS,
      );
      await opening;
      const overview = await readWalletOverview(db);
      openings.current.set(overview, opening);
      return overview;
    };
    const overview = firstOverview.current?.catch(fresh) ?? fresh();
    firstOverview.current = undefined;
    return overview;
  }, [db]);
  // The first screen's answer, already there, is shown at once; the load resolves to the same object.
  const wallet = { ...loaded, data: loaded.data ?? first?.value?.overview };
  useWalletChanged(wallet.reload);
  const { run, busy } = useAction();
  const writer = useWriteContext();
  const [filter, setFilter] = useState<CouponFilter>({});
  const [editing, setEditing] = useState<StoredCoupon | "new" | "paste" | undefined>();
  /** What the last paste or undo did, said once above the list. */
  const [notice, setNotice] = useState<string | undefined>();
  const addButton = useRef<HTMLButtonElement>(null);
  const pasteButton = useRef<HTMLButtonElement>(null);
  const returnFocusTo = useReturnFocus(editing !== undefined);
  // A picture of this screen drawn by the popup's first script (earlyScreen.ts) gives way to the
  // live one, or to the reason there is none.
  const failed = wallet.error !== undefined;
  useEffect(() => {
    if (failed) dropScreenCopy();
  }, [failed]);
  // The picture is taken a frame and a storage read after the list is drawn; by then the popup
  // (or a test's page) may be gone, and with it the screen to take it from.
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const onPagesShown = ({ coupons, readAt, unfiltered, version }: PagesShown) => {
    dropScreenCopy();
    const opening =
      typeof version === "object" && version !== null ? openings.current.get(version) : undefined;
    // Taken after the browser has drawn the live screen, from the popup's frame as drawn (the
    // picture is gone by then, and is not drawn once dropped). Each read of the lists replaces
    // it, so the next popup draws the wallet as this one last showed it, changes included.
    if (unfiltered && opening !== undefined) {
      // The card as drawn now: the picture is taken only while that card is still in its page.
      // Not of another tab, should the shopper have left this one; and not once the page (or a
      // test's bed) is gone, which the flag above did not always catch: a CI run saw this
      // callback reach the global `document` after the test's page had been torn down.
      const card = document.querySelector('[data-testid="coupons-card"]');
      const shown = () => mounted.current && card?.isConnected === true;
      afterNextFrame(() => {
        if (!shown()) return;
        void opening.then((state) => {
          if (!shown() || card === null) return;
          return keepWalletPicture(
            services,
            state,
            card.ownerDocument.querySelector(".popup"),
            coupons,
            readAt,
          );
        });
      });
    }
  };
  const edit = (coupon: StoredCoupon | "new" | "paste") => {
    setNotice(undefined);
    returnFocusTo(() =>
      coupon === "new"
        ? addButton.current
        : coupon === "paste"
          ? pasteButton.current
          : [...document.querySelectorAll<HTMLElement>("[data-coupon-id]")]
              .find((item) => item.dataset.couponId === coupon.id)
              ?.querySelector<HTMLElement>('[data-testid="edit-coupon"]'),
    );
    setEditing(coupon);
  };

  if (wallet.error !== undefined || wallet.data === undefined)
    return <Pending error={wallet.error} onRetry={wallet.reload} />;
  const { couponCount, stores, coins, points } = wallet.data;
  const undo = () =>
    run(async () => {
      const outcome = await undoLastImport(writer);
      setNotice(
        [
          tn("undoneImport", outcome.removed.length, outcome.removed.length),
          outcome.kept.length > 0 ? t("undoneKept", outcome.kept.length) : "",
        ]
          .filter(Boolean)
          .join(" "),
      );
      wallet.reload();
    });

  return (
    <>
      <Card
        title={t("couponsCardTitle")}
        testId="coupons-card"
        actions={
          editing === undefined && (
            <>
              <button
                type="button"
                class="btn btn-small"
                ref={pasteButton}
                onClick={() => edit("paste")}
                data-testid="paste-coupons"
              >
                {t("pasteCoupons")}
              </button>
              <button
                type="button"
                class="btn btn-small btn-primary"
                ref={addButton}
                onClick={() => edit("new")}
                data-testid="add-coupon"
              >
                {t("addCoupon")}
              </button>
            </>
          )
        }
      >
        {editing === undefined && (notice !== undefined || wallet.data.lastImport !== undefined) && (
          <div class="import-bar">
            {notice !== undefined && (
              <p role="status" data-testid="import-notice">
                {notice}
              </p>
            )}
            {wallet.data.lastImport !== undefined && (
              <button
                type="button"
                class="btn btn-small btn-quiet"
                disabled={busy}
                onClick={undo}
                data-testid="undo-import"
              >
                {t("undoImport")}
              </button>
            )}
          </div>
        )}
        {editing === "paste" ? (
          <PasteCoupons
            defaultCurrency={currency}
            timeZone={timeZone}
            onDone={(outcome) => {
              setEditing(undefined);
              if (outcome !== undefined) {
                setNotice(t("pasteAdded", outcome.added, outcome.alreadyThere));
                wallet.reload();
              }
            }}
          />
        ) : editing !== undefined ? (
          <CouponForm
            key={editing === "new" ? "new" : editing.id}
            coupon={editing === "new" ? undefined : editing}
            defaultCurrency={currency}
            timeZone={timeZone}
            stores={stores}
            onDone={(saved) => {
              setEditing(undefined);
              if (saved !== undefined) wallet.reload();
            }}
          />
        ) : (
          <>
            {couponCount > 0 && <CouponFilters filter={filter} stores={stores} onChange={setFilter} />}
            <CouponList
              filter={filter}
              version={wallet.data}
              couponCount={couponCount}
              timeZone={timeZone}
              currency={currency}
              onEdit={edit}
              onChanged={wallet.reload}
              first={first}
              onPagesShown={onPagesShown}
            />
          </>
        )}
      </Card>
      <Card title={t("balancesCardTitle")} testId="balances-card">
        <CoinsCard coins={coins} currency={currency} onChanged={wallet.reload} />
        <PointsList points={points} currency={currency} timeZone={timeZone} onChanged={wallet.reload} />
      </Card>
    </>
  );
}
