// Fails when a line of code runs past the 140 columns the formatter keeps to: Biome breaks code, but leaves
// a long string, template or comment as it is. Run by `npm run lint`.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const MAX = 140;
const ROOT = join(import.meta.dirname, "..");
const FOLDERS = ["pipelines", "dashboards", "tests", "bench", "bin", "scripts"];
const CODE = /\.(ts|mts|js|mjs)$/;

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return CODE.test(path) ? [path] : [];
  return readdirSync(path).flatMap((name) => (name === "node_modules" || name.startsWith(".") ? [] : files(join(path, name))));
}

const roots = [
  ...FOLDERS.map((f) => join(ROOT, f)),
  ...readdirSync(ROOT)
    .filter((n) => CODE.test(n))
    .map((n) => join(ROOT, n)),
];
const long = roots.flatMap(files).flatMap((file) =>
  readFileSync(file, "utf8")
    .split("\n")
    .flatMap((line, i) => {
      const width = [...line].length;
      return width > MAX ? [`${relative(ROOT, file)}:${i + 1}: ${width} characters (at most ${MAX})`] : [];
    }),
);
for (const line of long) console.error(line);
if (long.length) {
  console.error(`${long.length} line${long.length > 1 ? "s" : ""} past ${MAX} columns: break the string or comment`);
  process.exit(1);
}
