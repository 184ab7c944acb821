// `npm run dashboards [-- --db FILE] [--audience audit|management] [--port N]`: exports the data of the
// warehouse into a staged site and starts Framework's preview server on it. Page and component
// sources are linked, not copied, so editing dashboards/ reloads the page.
import { existsSync, rmSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { consoleLogger } from "../lib/context.ts";
import { previewSite } from "./framework.ts";
import { exportSite, REPO_ROOT } from "./index.ts";
import { LANGS, type Audience } from "./types.ts";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "data/warehouse.duckdb" },
    audience: { type: "string", default: "audit" },
    port: { type: "string", default: "3000" },
    out: { type: "string", default: "data/published" },
  },
});
const audience = values.audience as Audience;
const out = resolve(values.out!);
const logger = consoleLogger("info");
const staged = await exportSite({ db: values.db!, out, audiences: [audience] }, { logger, now: () => new Date() });
const srcDir = staged[0]!.srcDir;
for (const entry of ["components", ...LANGS, "style.css"]) {
  const target = join(srcDir, entry);
  if (existsSync(target)) rmSync(target, { recursive: true, force: true });
  symlinkSync(join(REPO_ROOT, "dashboards", entry), target);
}
logger.info(`preview of the ${audience} site on http://127.0.0.1:${values.port}/ar/index.html (Ctrl-C to stop)`);
process.exitCode = await previewSite({
  srcDir,
  outDir: join(out, audience, "site"),
  repoRoot: REPO_ROOT,
  logger,
  port: Number(values.port),
});
