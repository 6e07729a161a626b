/**
 * `npm run dev`: WXT's development mode (rebuilds on save and reloads the
 * extension) in a Chromium or Chrome window of its own, or Firefox with
 * `npm run dev -- -b firefox`. `--no-browser` runs the dev server alone (it
 * needs no display). Other arguments go on to `wxt`.
 *
 * It needs a display to open that window. Without one (a container, SSH) it
 * says so and what works there instead, rather than letting the browser fail
 * with a cryptic error: the build and tests are headless, and so is the demo.
 */
import { spawn } from "node:child_process";
import { pathToFileURL } from "node:url";
import { findChromium } from "./chromium";
import { findFirefox } from "./firefox";

/** A display to open a window on: any on macOS and Windows, X11 or Wayland on Linux and the BSDs. */
export function hasDisplay(env: NodeJS.ProcessEnv = process.env, platform = process.platform): boolean {
  if (platform === "darwin" || platform === "win32") return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export const NO_DISPLAY_HELP = [
  "npm run dev opens the extension in a browser window, and there is no display here",
  "(neither DISPLAY nor WAYLAND_DISPLAY is set). What works without one:",
  "  npm run build              build once into .output/chrome-mv3 (load it unpacked in a",
  "                             browser elsewhere: chrome://extensions, Developer mode)",
  "  npm run dev -- --no-browser   WXT's dev server alone: rebuilds .output/chrome-mv3-dev",
  "                             on every save; load that folder unpacked where you can see it",
  "  npm start                  the demo: headless Chromium on the demo shop's cart",
  "  npm test                   lint, types, unit and end-to-end tests (all headless)",
  "  xvfb-run npm run dev       this command on a virtual display, if xvfb is installed",
  "Or set DISPLAY to a display you can see (ssh -X, a VNC session) and run it again.",
].join("\n");

/** `wxt` with the browser this machine has, found as the tests find theirs. */
export function devCommand(argv: readonly string[]): {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
} {
  const args = argv.filter((a) => a !== "--no-browser");
  const firefox = args.includes("firefox");
  const binary = firefox ? findFirefox() : findChromium();
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Read by wxt.config.ts (webExt.binaries): web-ext's own search misses Debian's chromium.
  if (binary !== null) env[firefox ? "STACKWISE_DEV_FIREFOX" : "STACKWISE_DEV_CHROMIUM"] = binary;
  if (argv.includes("--no-browser")) env.STACKWISE_DEV_NO_BROWSER = "1";
  return { command: "npx", args: ["wxt", ...args], env };
}

function main(argv: string[]): void {
  if (!hasDisplay() && !argv.includes("--no-browser")) {
    console.error(NO_DISPLAY_HELP);
    process.exit(2);
  }
  const { command, args, env } = devCommand(argv);
  const child = spawn(command, args, { stdio: "inherit", env });
  child.on("exit", (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  main(process.argv.slice(2));
