/**
 * The popup's styles and modules, fetched by its first script rather than named
 * in its HTML. Named in the HTML, the browser's preload scanner fetches them all
 * while the parser waits for the first script, and the first script's own file
 * then comes later: 10 ms cold and 16 ms warm at the median of 30 openings; the
 * link reached the clipboard 5 to 8 ms (cold) and 13 to 20 ms (warm) later than it
 * does now (`npm run bench:popup`, 2026-12-07; README, "Nothing beside the first script").
 * So the build moves their tags onto the first script's tag as data attributes
 * (`deferPageAssets`, a Vite plugin in wxt.config.ts), and the first script puts
 * them back (`loadLaterAssets`) once the copy has started: fetched while the
 * storage read is out, they held its answer back too. The expiry reminder's page
 * (wallet.html) keeps its style sheets: its picture needs them first.
 */
import { handoff } from "./handoff";

/** The first script's file, as popup.html names it. */
export const FIRST_SCRIPT_SRC = "/popup-early.js";

/** The data attributes on the first script's tag, by what they hold: space-separated paths. */
export const LATER_ASSETS = {
  modules: "data-modules",
  preloads: "data-preloads",
  styles: "data-styles",
} as const;

type Kind = keyof typeof LATER_ASSETS;

const TAG = /<(script|link)\b[^>]*>(?:\s*<\/script>)?/gi;
const attribute = (tag: string, name: string) =>
  new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, "i").exec(tag)?.[1];

/** Which later asset a tag Vite wrote is, if it is one. */
function kindOf(tag: string): Kind | undefined {
  const name = /^<(\w+)/.exec(tag)?.[1]?.toLowerCase();
  if (name === "script") return attribute(tag, "type") === "module" ? "modules" : undefined;
  const rel = attribute(tag, "rel");
  if (rel === "modulepreload") return "preloads";
  if (rel === "stylesheet") return "styles";
  return undefined;
}

/**
 * The built page with its module scripts, module preloads and style sheets moved
 * onto the first script's tag; a page without the first script is returned as it is.
 * A page whose first script's tag says `data-keep-styles` (wallet.html, whose first
 * job, the wallet's picture, needs them as soon as can be) keeps its style sheets.
 * Throws when a tag to move has no path, or its path is not the extension's own:
 * a page that would load without its styles or code must not build.
 */
export function deferPageAssets(html: string): string {
  const first = [...html.matchAll(TAG)].find(
    (m) => m[1]?.toLowerCase() === "script" && attribute(m[0], "src") === FIRST_SCRIPT_SRC,
  );
  if (first === undefined) return html;
  const keepStyles = /\sdata-keep-styles\b/i.test(first[0]);
  const later: Record<Kind, string[]> = { modules: [], preloads: [], styles: [] };
  const rest = html.replace(TAG, (tag) => {
    const kind = kindOf(tag);
    if (kind === undefined || (kind === "styles" && keepStyles)) return tag;
    const path = attribute(tag, kind === "modules" ? "src" : "href");
    if (path === undefined || !path.startsWith("/") || path.startsWith("//") || /\s/.test(path))
      throw new Error(`A page asset the first script cannot load: ${tag}`);
    later[kind].push(path);
    return "";
  });
  const attributes = (Object.keys(LATER_ASSETS) as Kind[])
    .filter((kind) => later[kind].length > 0)
    .map((kind) => ` ${LATER_ASSETS[kind]}="${later[kind].join(" ")}"`)
    .join("");
  const opening = /^<script\b[^>]*>/i.exec(first[0])?.[0] ?? first[0];
  return (
    rest
      .replace(opening, () => opening.replace(/\s*>$/, `${attributes}>`))
      // The lines the moved tags stood on go too.
      .replace(/\n[ \t]*(?=\n)/g, "")
  );
}

/** The paths a first script's tag names for later, by kind (for the size budgets, and the loader). */
export function laterAssetsOf(firstScriptTag: string): Record<Kind, string[]> {
  const out = { modules: [], preloads: [], styles: [] } as Record<Kind, string[]>;
  for (const kind of Object.keys(LATER_ASSETS) as Kind[])
    out[kind] = (attribute(firstScriptTag, LATER_ASSETS[kind]) ?? "").split(/\s+/).filter(Boolean);
  return out;
}

const styles = handoff<void>("__stackwiseStyles");

/**
 * Puts back what the build moved onto `first` (the first script's own element):
 * style sheets (holding the first paint, where the browser knows `blocking`),
 * module preloads, then the module entry (at once, or once `modulesWhen` has settled:
 * fetched beside a storage read, they hold its answer back). Returns when the style sheets
 * have loaded or failed, at most `maxWaitMs` later, and leaves the same for the modules
 * (`stylesReady`): a picture or a render before them would show unstyled.
 */
export function loadLaterAssets(
  first: Element | null,
  doc: Document,
  { maxWaitMs = 1_000, modulesWhen }: { maxWaitMs?: number; modulesWhen?: Promise<unknown> } = {},
): Promise<void> {
  const paths = (kind: Kind) =>
    (first?.getAttribute(LATER_ASSETS[kind]) ?? "")
      .split(/\s+/)
      .filter((p) => p.startsWith("/") && !p.startsWith("//"));
  const head = doc.head ?? doc.documentElement;
  const loads: Promise<void>[] = [];
  for (const href of paths("styles")) {
    const link = doc.createElement("link");
    link.rel = "stylesheet";
    link.setAttribute("blocking", "render");
    loads.push(
      new Promise<void>((resolve) => {
        link.addEventListener("load", () => resolve(), { once: true });
        link.addEventListener("error", () => resolve(), { once: true });
        setTimeout(resolve, maxWaitMs);
      }),
    );
    link.href = href;
    head.append(link);
  }
  const ready = Promise.all(loads).then(() => undefined);
  // Left before the modules are added, so that they find it.
  styles.publish(ready);
  const addModules = () => {
    for (const href of paths("preloads")) {
      const link = doc.createElement("link");
      link.rel = "modulepreload";
      link.href = href;
      head.append(link);
    }
    for (const src of paths("modules")) {
      const script = doc.createElement("script");
      script.type = "module";
      // In the page's order, as they ran when the page named them.
      script.async = false;
      script.src = src;
      head.append(script);
    }
  };
  if (modulesWhen === undefined) addModules();
  else void modulesWhen.then(addModules, addModules);
  return ready;
}

/**
 * Whether a style sheet that the first script adds holds the page's first paint until it has
 * loaded (`blocking="render"`: Chromium; not Firefox 140).
 */
export function holdsFirstPaint(doc: Document): boolean {
  return "blocking" in doc.createElement("link");
}

/** Settles once the popup's style sheets are in; at once when no first script loaded them (dev, tests). */
export function stylesReady(): Promise<void> {
  return styles.take() ?? Promise.resolve();
}
