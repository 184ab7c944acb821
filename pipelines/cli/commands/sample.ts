// `tahseel sample --population invoices|payments --method random|stratified|mus --size N --seed S [--strata COLUMN] [--out FILE]`:
// a seeded, reproducible sample for the auditors' own tests, kept in the warehouse with its run and exported as CSV.
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { DEFAULT_DB, stringOption, type Command } from "../command.ts";
import { inTransaction, openWarehouse } from "../../lib/duckdb.ts";
import { describeError, UserError } from "../../lib/errors.ts";
import { finishRun, gitSha, newRunId, startRun } from "../../engine/runs.ts";
import { drawSample, METHODS, type Method } from "../../sample/draw.ts";
import { isPopulation, POPULATIONS, populationSql } from "../../sample/populations.ts";
import { exportSample, storeSample } from "../../sample/store.ts";
import { SAMPLE_USAGE } from "./usages.ts";

export const sampleCommand: Command = {
  async run(options, positionals, context) {
    if (positionals.length) throw new UserError(`unexpected argument ${positionals[0]}\nusage: ${SAMPLE_USAGE}`);
    const population = stringOption(options, "population") ?? "";
    if (!isPopulation(population))
      throw new UserError(`--population ${population || "is required"}: use one of ${Object.keys(POPULATIONS).join(", ")}`);
    const method = stringOption(options, "method") ?? "";
    if (!(METHODS as readonly string[]).includes(method))
      throw new UserError(`--method ${method || "is required"}: use one of ${METHODS.join(", ")}`);
    const sizeText = stringOption(options, "size") ?? "";
    const size = Number(sizeText);
    if (!/^\d+$/.test(sizeText) || size < 1 || size > 1_000_000)
      throw new UserError(`--size ${sizeText || "is required"}: give a whole number of items from 1 to 1000000`);
    const seed = stringOption(options, "seed");
    if (!seed) throw new UserError("--seed is required: the same seed draws the same sample again, e.g. --seed 2026");
    const strata = stringOption(options, "strata");
    if (method === "stratified" && !strata) throw new UserError("--method stratified needs --strata COLUMN, e.g. --strata sector");
    if (method !== "stratified" && strata) throw new UserError(`--strata only applies to --method stratified; drop it or use stratified`);
    const db = stringOption(options, "db", DEFAULT_DB);
    if (!existsSync(db)) throw new UserError(`no warehouse at ${db}; run tahseel ingest first, or pass --db FILE`);

    const warehouse = await openWarehouse(db);
    try {
      const connection = warehouse.connection;
      const populationQuery = await populationSql(connection, population, strata);
      const runId = newRunId("sample", context.now());
      const out = stringOption(options, "out") ?? join(dirname(db), "samples", `${runId}.csv`);
      const started = context.now();
      await startRun(connection, { runId, job: "sample", startedAt: started, gitSha: gitSha() });
      const request = { population, method: method as Method, size, seed, strata: strata ?? null };
      try {
        mkdirSync(dirname(out), { recursive: true });
        const { facts, selected } = await inTransaction(connection, async () => {
          const facts = await drawSample(connection, populationQuery, request);
          const record = { ...request, sampleId: runId, runId, drawnAt: started, outFile: out };
          return { facts, selected: await storeSample(connection, record, facts) };
        });
        await exportSample(connection, runId, out);
        const result = { sampleId: runId, ...request, selected, out, ...facts };
        await finishRun(connection, {
          runId,
          finishedAt: context.now(),
          status: "success",
          error: null,
          asOf: null,
          inputs: [],
          steps: [
            {
              name: "sample",
              status: "success",
              started_at: started.toISOString(),
              finished_at: context.now().toISOString(),
              attempts: 1,
              error: null,
              detail: result,
            },
          ],
        });
        context.logger.info(
          `sample ${runId}: ${selected} of ${facts.populationItems} ${population} selected (${method}), written to ${out}`,
        );
        return { result };
      } catch (error) {
        await finishRun(connection, {
          runId,
          finishedAt: context.now(),
          status: "failed",
          error: describeError(error),
          asOf: null,
          inputs: [],
          steps: [],
        });
        throw error;
      }
    } finally {
      warehouse.close();
    }
  },
};
