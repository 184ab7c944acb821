// Running Observable Framework on a staged site. It goes through the npm script (npm puts
// node_modules/.bin on the PATH, which Framework's TypeScript loading needs), with telemetry off.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import type { Logger } from "../lib/context.ts";

export interface FrameworkRun {
  srcDir: string;
  outDir: string;
  repoRoot: string;
  logger: Logger;
}

export async function buildSite(o: FrameworkRun): Promise<{ ms: number }> {
  // Framework only clears an output folder inside the working directory; ours may be anywhere.
  rmSync(o.outDir, { recursive: true, force: true });
  const started = Date.now();
  const { code, output } = await npmScript("dashboards:build", o);
  if (code !== 0) throw new Error(`the site build failed (exit ${code}):\n${output.split("\n").slice(-30).join("\n")}`);
  o.logger.debug("framework build output", { tail: output.split("\n").slice(-5) });
  return { ms: Date.now() - started };
}

/** Starts Framework's preview server on a staged site; resolves when it exits. */
export async function previewSite(o: FrameworkRun & { port: number }): Promise<number> {
  const { code } = await npmScript("dashboards:preview", o, ["--port", String(o.port)], "inherit");
  return code;
}

function npmScript(
  script: string,
  o: FrameworkRun,
  extra: string[] = [],
  stdio: "pipe" | "inherit" = "pipe",
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", script, ...(extra.length ? ["--", ...extra] : [])], {
      cwd: o.repoRoot,
      env: {
        ...process.env,
        OBSERVABLE_TELEMETRY_DISABLE: "true",
        TAHSEEL_SITE_SRC: o.srcDir,
        TAHSEEL_SITE_OUT: o.outDir,
        NO_COLOR: "1",
      },
      stdio: ["ignore", stdio, stdio],
    });
    let output = "";
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}
