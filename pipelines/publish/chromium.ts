// Headless Chromium through playwright-core, always the system's browser (never a downloaded one):
// the management report's PDF, and the browser tests and bench.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { EnvironmentError } from "../lib/errors.ts";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const candidate of [env.TAHSEEL_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"])
    if (candidate && existsSync(candidate)) return candidate;
  return undefined;
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new EnvironmentError("no Chromium found (apt-get install chromium, or set TAHSEEL_CHROMIUM)");
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}
