/**
 * The floor under the popup benchmark's figures: an extension with nothing in
 * it but one page and one small classic script that does the popup's first
 * job and nothing else. On the referral path it reads the link from
 * `storage.local` and copies it (through the copy event, else a selection, as
 * src/services/clipboard.ts does); on `#wallet` it opens an IndexedDB database
 * of the same number of coupons and lists the first 30 by expiry as bare
 * `<li>`s. No framework, no styles, no checks: whatever this takes, in the same
 * browser on the same machine, no popup can beat, so the real build's figures
 * and the targets can be read against it (`npx tsx bench/popup.bench.ts --floor`).
 *
 * The page seeds itself when opened as `floor.html#seed=<coupons>`.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The page, named like the popup's so that the benchmark opens both alike. */
export const FLOOR_PAGE = "popup.html";

const script = (link: string) => String.raw`(() => {
  const LINK = ${JSON.stringify(link)};
  const hash = location.hash;
  const seed = /^#seed=(\d+)$/.exec(hash);
  const openDb = () =>
    new Promise((resolve, reject) => {
      const open = indexedDB.open("floor", 1);
      open.onupgradeneeded = () =>
        open.result.createObjectStore("coupons", { keyPath: "id" }).createIndex("expiresAt", "expiresAt");
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
  if (seed) {
    const n = Number(seed[1]);
    const now = Date.now();
    void (async () => {
      await chrome.storage.local.set({ link: LINK });
      const db = await openDb();
      const tx = db.transaction("coupons", "readwrite");
      const store = tx.objectStore("coupons");
      for (let i = 0; i < n; i++)
        store.put({
          id: "bench-" + i,
          off: 100 + (i % 17) * 50,
          minSpend: 1000 + (i % 13) * 500,
          expiresAt: new Date(now + ((i * 7919) % (120 * 24)) * 3600000 + 3600000).toISOString(),
        });
      tx.oncomplete = () => {
        db.close();
        document.title = "seeded";
      };
    })();
    return;
  }
  if (hash === "#idle") return;
  if (hash === "#wallet") {
    void openDb().then((db) => {
      const out = [];
      const range = IDBKeyRange.lowerBound(new Date().toISOString());
      const cursor = db.transaction("coupons").objectStore("coupons").index("expiresAt").openCursor(range);
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (c && out.length < 30) {
          out.push(c.value);
          c.continue();
          return;
        }
        const list = document.createElement("ul");
        for (const v of out) {
          const li = document.createElement("li");
          li.dataset.testid = "coupon-item";
          li.textContent = v.off / 100 + " off, " + v.minSpend / 100 + " minimum, until " + v.expiresAt;
          list.append(li);
        }
        document.body.append(list);
      };
    });
    return;
  }
  void chrome.storage.local.get(["link"]).then(({ link }) => {
    let handed = false;
    const put = (e) => {
      e.clipboardData.setData("text/plain", link);
      e.preventDefault();
      handed = true;
    };
    document.addEventListener("copy", put, true);
    try {
      document.execCommand("copy");
    } finally {
      document.removeEventListener("copy", put, true);
    }
    if (handed) return;
    // As src/services/clipboard.ts: with no body parsed yet the browser may send no copy event.
    const area = document.createElement("textarea");
    area.value = link;
    (document.body ?? document.documentElement).append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  });
})();
`;

/** Writes the floor extension to a new temporary directory and returns it; `link` is what it copies. */
export function writeFloorExtension(link: string): string {
  const dir = mkdtempSync(join(tmpdir(), "stackwise-floor-"));
  writeFileSync(
    join(dir, "manifest.json"),
    JSON.stringify({
      manifest_version: 3,
      name: "Popup floor",
      version: "1",
      action: { default_popup: FLOOR_PAGE },
      // The benchmark finds the extension by its service worker, as it finds Stackwise.
      background: { service_worker: "worker.js" },
      permissions: ["storage", "clipboardWrite", "clipboardRead"],
    }),
  );
  writeFileSync(
    join(dir, "worker.js"),
    "// Nothing: the benchmark only needs the worker to find the extension.\n",
  );
  writeFileSync(join(dir, "floor.js"), script(link));
  // The "Copy referral link" button is there from the start: the floor has nothing to wait for.
  writeFileSync(
    join(dir, FLOOR_PAGE),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><script src="/floor.js"></script></head>` +
      `<body><button data-testid="copy-link">Copy referral link</button></body></html>\n`,
  );
  return dir;
}
