// Finds the models under models/<layer>/: `name.sql` (or `name.ts`) is the model `layer.name`;
// `name.test.sql` and `name.<what>.test.sql` beside it are custom tests returning failing rows.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative, isAbsolute } from "node:path";
import { z } from "zod";
import { UserError } from "../lib/errors.ts";
import { resolveSameAs } from "./column-same-as.ts";
import { paramSpecs, parseHeader, findHeaderBlock } from "./header.ts";
import { didYouMean, parseLocatedYaml, parseWith } from "./located-yaml.ts";
import { LAYERS, type Layer, type Model } from "./model.ts";
import { type SharedHeader, sharedHeaders, withShared } from "./shared-header.ts";
import { parseTests, type TestSpec } from "./test-spec.ts";

const TABLE_NAME = /^[a-z][a-z0-9_]*$/;

export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

export function discoverModels(root: string): Model[] {
  if (!existsSync(root)) throw new UserError(`no models folder at ${displayPath(root)}; create it with staging/, core/ and marts/ inside`);
  const models: Model[] = [];
  const customTests: { path: string; model: string; layer: Layer }[] = [];
  const sharedIn = sharedHeaders(displayPath);
  for (const entry of readdirSync(root).sort()) {
    const path = join(root, entry);
    if (!statSync(path).isDirectory()) {
      if (/\.(sql|ts)$/.test(entry))
        throw new UserError(`a model must sit in a layer folder: move it to ${LAYERS.map((l) => `models/${l}/`).join(", ")}`, {
          at: { file: displayPath(path), line: 1 },
        });
      continue;
    }
    if (!(LAYERS as readonly string[]).includes(entry))
      throw new UserError(`unknown layer folder "${entry}"${didYouMean(entry, LAYERS)}; layers are ${LAYERS.join(", ")}`, {
        at: { file: displayPath(path) },
      });
    for (const file of walk(path)) {
      const name = basename(file);
      const test = /^(.+?)(\.[a-z0-9_]+)?\.test\.sql$/.exec(name);
      if (test) customTests.push({ path: file, model: test[1]!, layer: entry as Layer });
      else if (/\.sql$|\.ts$/.test(name) && !name.endsWith(".d.ts")) models.push(readModel(file, entry as Layer, sharedIn(dirname(file))));
    }
  }
  checkDuplicates(models);
  for (const t of customTests) {
    const owner = models.find((m) => m.layer === t.layer && m.name === t.model);
    if (!owner)
      throw new UserError(
        `custom test for unknown model ${t.layer}.${t.model}; name the file <model>.test.sql or <model>.<what>.test.sql beside its model`,
        { at: { file: displayPath(t.path), line: 1 } },
      );
    owner.tests.push(readCustomTest(t.path));
  }
  resolveSameAs(models);
  return models;
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

export function readModel(path: string, layer: Layer, shared: SharedHeader): Model {
  const file = displayPath(path);
  const language = path.endsWith(".ts") ? "ts" : "sql";
  const name = basename(path).replace(/\.(sql|ts)$/, "");
  if (!TABLE_NAME.test(name))
    throw new UserError(
      `"${name}" cannot be a table name: rename the file to lower_snake_case, e.g. ${name
        .toLowerCase()
        .replace(/[^a-z0-9_]+/g, "_")
        .replace(/^[^a-z]+/, "")}.${language}`,
      { at: { file, line: 1 } },
    );
  const text = readFileSync(path, "utf8");
  const parsed = parseHeader(text, file)!;
  const { located, block } = parsed;
  const { header, tests } = withShared(parsed.header, parseTests(parsed.header.tests, located, file), shared);
  if (language === "ts") {
    if (header.materialized !== "table")
      throw new UserError("a TypeScript model is materialized: table (views and incremental models are SQL)", {
        at: { file, line: located.lineAt(["materialized"]) },
      });
    const untyped = Object.entries(header.columns).find(([, c]) => typeof c === "string" || !("type" in c) || !c.type);
    if (untyped || Object.keys(header.columns).length === 0)
      throw new UserError(
        `a TypeScript model must give every column a DuckDB type (columns: { ${untyped?.[0] ?? "id"}: { type: VARCHAR, description: ... ` +
          `} }) so the models after it can be checked before it runs`,
        { at: { file, line: located.lineAt(["columns", ...(untyped ? [untyped[0]] : [])]) } },
      );
  }
  return {
    id: `${layer}.${name}`,
    layer,
    name,
    file,
    path,
    language,
    text,
    header,
    located,
    block,
    params: paramSpecs(header),
    tests,
  };
}

const CustomTestHeader = z.strictObject({
  severity: z.enum(["error", "warn"]).default("error"),
  name: z.string().optional(),
  description: z.string().optional(),
});

function readCustomTest(path: string): TestSpec {
  const file = displayPath(path);
  const sql = readFileSync(path, "utf8");
  const block = findHeaderBlock(sql, file);
  let meta: z.infer<typeof CustomTestHeader> = { severity: "error" };
  if (block && /^\s*[a-z_]+\s*:/m.test(block.yaml)) {
    const place = { file, firstLine: block.firstLine, firstColumn: block.firstColumn };
    meta = parseWith(CustomTestHeader, parseLocatedYaml(block.yaml, place), place);
  }
  const name = meta.name ?? basename(path);
  return { kind: "custom", sql, name, severity: meta.severity, file, line: 1 };
}

function checkDuplicates(models: Model[]): void {
  const seen = new Map<string, Model>();
  for (const m of models) {
    const other = seen.get(m.id);
    if (other)
      throw new UserError(`model ${m.id} is defined twice (also in ${other.file}); each table has one file — rename one of them`, {
        at: { file: m.file, line: 1 },
      });
    seen.set(m.id, m);
  }
}
