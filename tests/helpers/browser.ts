// Driving the built site in headless Chromium: each page visit records every console error, page
// error and failed request, and leaves a screenshot in test-artifacts/.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { Decimal } from "decimal.js";

export const ARTIFACTS = join(import.meta.dirname, "..", "..", "test-artifacts", "dashboards");

export interface Visit {
  page: Page;
  problems: string[];
}

export async function visit(browser: Browser, url: string, o: { ready?: string; screenshot?: string } = {}): Promise<Visit> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.goto(url, { waitUntil: "networkidle" });
  if (o.ready) await page.waitForSelector(o.ready, { timeout: 15_000 });
  if (o.screenshot) await screenshot(page, o.screenshot);
  return { page, problems };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** The number a formatted text shows ("SAR 1,234.50", "97.6%", "‏1,234.50 ر.س.‏"), as an exact decimal. */
export function shownNumber(text: string): Decimal {
  const m = /-?\d[\d,]*(\.\d+)?/.exec(text.replace(/[\u066c]/g, ",").replace(/\u066b/g, "."));
  if (!m) throw new Error(`no number in ${JSON.stringify(text)}`);
  const negative = /[-\u2212]\s*(SAR\s*)?\d/.test(text) && !m[0].startsWith("-");
  const value = new Decimal(m[0].replaceAll(",", ""));
  return negative ? value.neg() : value;
}

/** Whether a program runs here (unshare, pdftotext…). */
export function runs(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: "ignore", timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}
