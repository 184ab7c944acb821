// `tahseel docs [--out DIR]`: writes the model catalogue (models, sources, columns, tests and their
// last results, lineage) as JSON for the dashboards' lineage graph and data dictionary.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { DEFAULT_DB, stringOption, type Command } from "../command.ts";
import { openWarehouse } from "../../lib/duckdb.ts";
import { buildCatalog } from "../../engine/catalog.ts";
import { discoverModels } from "../../engine/discover.ts";
import { resolveProject } from "../../engine/graph.ts";
import { DEFAULT_MODELS } from "./build.ts";

export const DEFAULT_DOCS_OUT = "data/published";

export const docsCommand: Command = {
  name: "docs",
  summary: "write the model catalogue and lineage as JSON",
  usage: "tahseel docs [--db FILE] [--models DIR] [--out DIR] [--json]",
  options: { db: { type: "string" }, models: { type: "string" }, out: { type: "string" } },
  async run(options, _positionals, context) {
    const db = stringOption(options, "db", DEFAULT_DB);
    const out = stringOption(options, "out", DEFAULT_DOCS_OUT);
    const models = discoverModels(stringOption(options, "models", DEFAULT_MODELS));
    // Without a warehouse the catalogue still lists everything, just without types and results.
    const warehouse = existsSync(db) ? await openWarehouse(db) : undefined;
    const scratch = warehouse ? undefined : await DuckDBInstance.create(":memory:");
    const connection = warehouse?.connection ?? (await scratch!.connect());
    try {
      const project = await resolveProject(models, connection);
      const catalog = await buildCatalog(project, warehouse?.connection, context.now());
      mkdirSync(out, { recursive: true });
      const file = join(out, "catalog.json");
      writeFileSync(file, `${JSON.stringify(catalog, null, 2)}\n`);
      context.logger.info(
        `wrote ${file}: ${catalog.nodes.filter((n) => n.kind === "model").length} models, ` +
          `${catalog.nodes.filter((n) => n.kind === "source").length} sources`,
      );
      return { result: { file, nodes: catalog.nodes.length, edges: catalog.edges.length } };
    } finally {
      if (warehouse) warehouse.close();
      else {
        connection.closeSync();
        scratch!.closeSync();
      }
    }
  },
};
