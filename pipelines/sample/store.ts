// A sample kept in the warehouse with the run that drew it (audit.samples: the parameters and what they
// gave; audit.sample_items: the selection), and exported as CSV with each item's delivery, file and line.
import type { DuckDBConnection } from "@duckdb/node-api";
import { sqlString } from "../lib/duckdb.ts";
import { UserError } from "../lib/errors.ts";
import type { DrawFacts } from "./draw.ts";

const DDL = `
CREATE SCHEMA IF NOT EXISTS audit;
CREATE TABLE IF NOT EXISTS audit.samples (
  sample_id VARCHAR PRIMARY KEY, run_id VARCHAR NOT NULL, population VARCHAR NOT NULL, method VARCHAR NOT NULL,
  size INTEGER NOT NULL, seed VARCHAR NOT NULL, strata VARCHAR, drawn_at TIMESTAMPTZ NOT NULL,
  population_items BIGINT NOT NULL, population_amount DECIMAL(38,2) NOT NULL, selected INTEGER NOT NULL,
  sampling_interval DECIMAL(38,6), random_start DECIMAL(38,6), allocation JSON, out_file VARCHAR);
CREATE TABLE IF NOT EXISTS audit.sample_items (
  sample_id VARCHAR NOT NULL, item_no INTEGER NOT NULL, item_id VARCHAR NOT NULL, employer_id VARCHAR,
  amount DECIMAL(18,2), stratum VARCHAR, hits INTEGER NOT NULL, load_id BIGINT, line INTEGER,
  PRIMARY KEY (sample_id, item_no));
`;

export interface SampleRecord {
  sampleId: string;
  runId: string;
  population: string;
  method: string;
  size: number;
  seed: string;
  strata: string | null;
  drawnAt: Date;
  outFile: string;
}

/** Keeps the parameters and the selection in _sample; call inside a transaction. Returns the items selected. */
export async function storeSample(connection: DuckDBConnection, s: SampleRecord, facts: DrawFacts): Promise<number> {
  await connection.run(DDL);
  await connection.run(
    `INSERT INTO audit.sample_items SELECT $id, item_no, item_id, employer_id, amount, stratum, hits, _load_id, _line FROM _sample`,
    { id: s.sampleId },
  );
  await connection.run(
    `INSERT INTO audit.samples VALUES ($id, $run, $population, $method, $size, $seed, $strata::VARCHAR, $at::TIMESTAMPTZ,
       $items, $amount::DECIMAL(38,2), (SELECT count(*) FROM _sample), $interval::DECIMAL(38,6), $start::DECIMAL(38,6),
       $allocation::JSON, $out)`,
    {
      id: s.sampleId,
      run: s.runId,
      population: s.population,
      method: s.method,
      size: s.size,
      seed: s.seed,
      strata: s.strata,
      at: s.drawnAt.toISOString(),
      items: facts.populationItems,
      amount: facts.populationAmount,
      interval: facts.interval,
      start: facts.randomStart,
      allocation: facts.allocation === null ? null : JSON.stringify(facts.allocation),
      out: s.outFile,
    },
  );
  const [{ n }] = (await (await connection.runAndReadAll("SELECT count(*)::INTEGER AS n FROM _sample")).getRowObjectsJS()) as [
    { n: number },
  ];
  return n;
}

/** The selection as CSV, amounts exact, with where each item was delivered. */
export async function exportSample(connection: DuckDBConnection, sampleId: string, file: string): Promise<void> {
  try {
    await connection.run(
      `COPY (SELECT s.item_no, s.item_id, s.employer_id, s.amount, s.stratum, s.hits, l.delivery_id, l.file_name, s.line
             FROM audit.sample_items AS s LEFT JOIN audit.loads AS l ON l.load_id = s.load_id
             WHERE s.sample_id = ${sqlString(sampleId)} ORDER BY s.item_no)
       TO ${sqlString(file)} (HEADER, DELIMITER ',')`,
    );
  } catch (cause) {
    throw new UserError(`cannot write the sample to ${file}; choose a writable path with --out`, { cause });
  }
}
