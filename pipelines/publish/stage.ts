// The site's source tree for one build: the pages of the audience, their components, the data just
// exported, and Framework's npm version cache prepared so the build never asks the network.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { LANGS, type SiteInfo } from "./types.ts";

/** Framework's own caches of node_modules bundles survive between builds; nothing else does. */
const KEPT_CACHES = ["_node", "_npm"];

/**
 * Empties `srcDir` — loader outputs cached by an earlier build included, so no page can show old
 * data — keeping only the bundles of node_modules, then copies the site's sources for this audience.
 */
export function stageSite(o: { sourceDir: string; srcDir: string; info: SiteInfo; repoRoot: string }): void {
  const cache = join(o.srcDir, ".observablehq", "cache");
  if (existsSync(o.srcDir))
    for (const entry of readdirSync(o.srcDir))
      if (entry !== ".observablehq") rmSync(join(o.srcDir, entry), { recursive: true, force: true });
  if (existsSync(cache))
    for (const entry of readdirSync(cache)) if (!KEPT_CACHES.includes(entry)) rmSync(join(cache, entry), { recursive: true, force: true });
  mkdirSync(o.srcDir, { recursive: true });
  const wanted = new Set(o.info.pages.map((p) => `${p}.md`));
  cpSync(o.sourceDir, o.srcDir, {
    recursive: true,
    filter: (source) => {
      const path = relative(o.sourceDir, source).split("\\").join("/");
      if (path.startsWith(".observablehq") || path.startsWith("data/")) return false;
      const [dir, file] = path.split("/");
      // a page of another audience is left out altogether, not hidden
      if (file && !path.includes("/", dir!.length + 1) && (LANGS as readonly string[]).includes(dir!) && file.endsWith(".md"))
        return wanted.has(file);
      return true;
    },
  });
  mkdirSync(join(o.srcDir, "data"), { recursive: true });
  writeFileSync(join(o.srcDir, "data", "site.json"), JSON.stringify(o.info));
  prepareNpmCache(cache, o.repoRoot);
  linkNodeModules(dirname(o.srcDir), o.repoRoot);
}

/**
 * Framework resolves the pages' imports (Plot, d3) from the source folder upwards. A link to the
 * checkout's node_modules beside (not inside) the source folder lets a site staged anywhere find
 * them, without Framework walking the packages as if they were pages.
 */
function linkNodeModules(parent: string, repoRoot: string): void {
  const link = join(parent, "node_modules");
  rmSync(link, { force: true });
  symlinkSync(join(repoRoot, "node_modules"), link, "dir");
}

/**
 * Framework resolves the version of every `npm:` library its client can load by asking the npm
 * registry, unless a `_npm/<name>@<version>` folder is in its cache. The site imports its libraries
 * from node_modules, so the installed versions are written there; a library that is not installed is
 * never loaded by these pages, and gets a placeholder version that is never fetched.
 */
export function prepareNpmCache(cache: string, repoRoot: string): string[] {
  const framework = join(repoRoot, "node_modules", "@observablehq", "framework", "dist");
  const names = new Set<string>();
  for (const file of walk(framework))
    for (const m of readFileSync(file, "utf8").matchAll(/["'`]npm:((?:@[\w.-]+\/)?[\w.-]+)/g)) names.add(m[1]!.replace(/@\d[^/]*$/, ""));
  const made: string[] = [];
  for (const name of names) {
    const manifest = join(repoRoot, "node_modules", name, "package.json");
    const version = existsSync(manifest) ? (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version : "0.0.0";
    const dir = join(cache, "_npm", `${name}@${version}`);
    mkdirSync(dir, { recursive: true });
    made.push(`${name}@${version}`);
  }
  return made.sort();
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (/\.(js|ts)$/.test(entry)) yield path;
  }
}
