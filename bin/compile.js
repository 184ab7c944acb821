#!/usr/bin/env node
// Compiles the CLI once, so a command starts in one Node process without compiling TypeScript each time.
// `npm install` and `npm ci` run it (the "prepare" script); `npm run compile` after changing the code.
// Until then bin/tahseel.js notices the bundle is stale and runs the TypeScript through tsx instead.
//
// esbuild (tsx's own compiler) bundles pipelines/cli/main.ts and the pipeline code into dist/cli/, one
// chunk per command, so `tahseel --help` loads none of them; packages stay in node_modules. Every
// `import.meta.url` in the bundle keeps naming the source file it was written in, so what the code finds
// beside itself (worker threads' .mjs files, config/rules.json, the dashboards) is found in the source tree.
// An `import(x)` of a name known only at run time (a TypeScript model) goes through bin/import-module.js.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { BUNDLE_DIR, INPUTS_FILE } from "./bundle.js";

const ENTRY = join("pipelines", "cli", "main.ts");

/** tsx's esbuild, wherever npm placed it (tsx depends on it; the project does not need a copy of its own). */
function loadEsbuild() {
  const fromTsx = createRequire(fileURLToPath(import.meta.resolve("tsx/esm/api")));
  return fromTsx("esbuild");
}

const RUNTIME_IMPORT = /(?<![\w$.])import\((?!\s*["'`])/;
const IMPORT_MODULE = fileURLToPath(new URL("./import-module.js", import.meta.url));

const sourceTree = (outdir) => ({
  name: "source-tree",
  setup(build) {
    build.onLoad({ filter: /\.[cm]?ts$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      const runtimeImports = RUNTIME_IMPORT.test(source);
      if (!source.includes("import.meta") && !runtimeImports) return undefined;
      const url = `new URL(${JSON.stringify(relative(outdir, args.path).split("\\").join("/"))}, import.meta.url)`;
      const prelude = ['import { fileURLToPath as __fileURLToPath } from "node:url";'];
      let contents = source
        .replaceAll("import.meta.url", `${url}.href`)
        .replaceAll("import.meta.filename", `__fileURLToPath(${url})`)
        .replaceAll("import.meta.dirname", `__fileURLToPath(new URL(".", ${url})).slice(0, -1)`);
      if (runtimeImports) {
        prelude.push(`import { importModule as __importModule } from ${JSON.stringify(IMPORT_MODULE)};`);
        contents = contents.replace(new RegExp(RUNTIME_IMPORT, "g"), "__importModule(");
      }
      // On the first line, so the source map's lines stay the file's own.
      contents = `${prelude.join(" ")} ${contents}`;
      return { contents, loader: "ts", resolveDir: dirname(args.path) };
    });
  },
});

export async function compile(root) {
  const esbuild = loadEsbuild();
  const outdir = join(root, BUNDLE_DIR);
  rmSync(outdir, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [ENTRY],
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    metafile: true,
    logLevel: "warning",
    plugins: [sourceTree(outdir)],
  });
  const files = {};
  for (const file of Object.keys(result.metafile.inputs)) {
    const { size, mtimeMs } = statSync(join(root, file));
    files[file] = { size, mtimeMs };
  }
  mkdirSync(outdir, { recursive: true });
  writeFileSync(join(outdir, INPUTS_FILE), `${JSON.stringify({ entry: "main.js", files }, null, 1)}\n`);
  return { outdir, inputs: Object.keys(files).length };
}

// `--optional` (the install step): a failure is a warning, since the CLI still runs without the bundle.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  try {
    const { outdir, inputs } = await compile(root);
    process.stderr.write(`compiled the tahseel CLI into ${relative(root, outdir)}/ (${inputs} source files)\n`);
  } catch (error) {
    if (!process.argv.includes("--optional")) throw error;
    process.stderr.write(`tahseel: the CLI was not compiled (${error.message}); it will run through tsx, more slowly\n`);
  }
}
