// Shared set-up for the engine tests: a real DuckDB file in a temp folder with a few raw tables, and
// a copy of a fixture model set that a test may edit.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { memoryLogger, type RunContext } from "../pipelines/lib/context.ts";
import { openWarehouse, queryRows, type Warehouse } from "../pipelines/lib/duckdb.ts";
import { buildModels, type BuildRequest, type BuildSummary } from "../pipelines/engine/build.ts";

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures");

export interface Sandbox {
  dir: string;
  models: string;
  warehouse: Warehouse;
  context: RunContext & { logger: ReturnType<typeof memoryLogger> };
  build(request?: Partial<BuildRequest>): Promise<BuildSummary>;
  rows<T extends Record<string, unknown> = Record<string, unknown>>(sql: string): Promise<T[]>;
  write(relative: string, text: string): void;
  edit(relative: string, change: (text: string) => string): void;
  close(): void;
}

export const RAW_DDL = `
CREATE SCHEMA IF NOT EXISTS raw;
CREATE TABLE raw.employers (employer_id VARCHAR, status VARCHAR, _valid_from TIMESTAMPTZ, _valid_to TIMESTAMPTZ, _load_id VARCHAR,
  _line INTEGER);
CREATE TABLE raw.invoices (invoice_id VARCHAR, employer_id VARCHAR, period VARCHAR, total_amount DECIMAL(18,2), _load_id VARCHAR,
  _line INTEGER);
INSERT INTO raw.employers VALUES
  ('100000001', 'active', '2026-01-01', NULL, 'L1', 2),
  ('100000002', 'active', '2026-01-01', NULL, 'L1', 3),
  ('100000003', 'closed', '2026-01-01', NULL, 'L1', 4);
INSERT INTO raw.invoices VALUES
  ('INV-1', '100000001', '2026-01', 1000.10, 'L1', 2),
  ('INV-2', '100000001', '2026-02', 1000.20, 'L1', 3),
  ('INV-3', '100000002', '2026-01', 500.00, 'L1', 4),
  ('INV-4', '100000002', '2026-02', 500.05, 'L1', 5);
`;

let counter = 0;

export async function sandbox(fixture = "models-basic", options: { raw?: boolean } = {}): Promise<Sandbox> {
  const dir = mkdtempSync(join(tmpdir(), "tahseel-engine-"));
  const models = join(dir, "models");
  cpSync(join(FIXTURES, fixture), models, { recursive: true });
  const warehouse = await openWarehouse(join(dir, "warehouse.duckdb"), { threads: 2 });
  if (options.raw !== false) await warehouse.connection.run(RAW_DDL);
  const logger = memoryLogger();
  let clock = Date.parse("2026-03-02T03:00:00Z");
  const now = () => {
    clock += 1000;
    return new Date(clock);
  };
  const context = { logger, now };
  return {
    dir,
    models,
    warehouse,
    context,
    build: (request = {}) =>
      buildModels(warehouse, { modelsDir: models, runId: `test-${++counter}`, asOf: "2026-02-28", ...request }, context),
    rows: (sql) => queryRows(warehouse.connection, sql),
    write(relative, text) {
      mkdirSync(dirname(join(models, relative)), { recursive: true });
      writeFileSync(join(models, relative), text);
    },
    edit(relative, change) {
      const path = join(models, relative);
      writeFileSync(path, change(readFileSync(path, "utf8")));
    },
    close() {
      warehouse.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const statuses = (summary: BuildSummary) => Object.fromEntries(summary.models.map((m) => [m.model, m.status]));
