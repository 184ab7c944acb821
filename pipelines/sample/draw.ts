// Drawing a sample into the temp table _sample (item_no, item_id, employer_id, amount, stratum, hits,
// _load_id, _line). Everything follows from the seed and the population, nothing from the clock or
// the rows' physical order:
// - random: the N items with the smallest md5(seed:item_id) — an item's draw never depends on the others;
// - stratified: the same draws within each stratum, N allocated in proportion to the strata's sizes
//   (largest remainders);
// - mus: monetary-unit sampling — N points at start + k·(total/N) on the items' cumulative amount (in
//   item_id order), the start drawn by the seeded PRNG; an item is selected for each point in its span,
//   so any item of at least the interval always is. Exact integer arithmetic in halalas, never floats.
import type { DuckDBConnection } from "@duckdb/node-api";
import { Decimal } from "decimal.js";
import { Rng, seedNumber } from "../generate/prng.ts";
import { queryRows, sqlString } from "../lib/duckdb.ts";
import { UserError } from "../lib/errors.ts";

export const METHODS = ["random", "stratified", "mus"] as const;
export type Method = (typeof METHODS)[number];

export interface DrawFacts {
  populationItems: number;
  populationAmount: string;
  /** MUS: the sampling interval (total / N) and the random start, in SAR. */
  interval: string | null;
  randomStart: string | null;
  /** Stratified: items allocated to each stratum. */
  allocation: Record<string, number> | null;
}

/** The resolution of the MUS random start: a whole number of billionths of the interval. */
const START_SCALE = 1_000_000_000n;

const draw = "md5($seed || ':' || item_id)";

export async function drawSample(
  connection: DuckDBConnection,
  population: string,
  request: { method: Method; size: number; seed: string },
): Promise<DrawFacts> {
  const { size: n, seed } = request;
  const [totals] = await queryRows<{ items: number; amount: string }>(
    connection,
    `SELECT count(*) AS items, CAST(coalesce(sum(amount), 0) AS DECIMAL(38,2)) AS amount FROM (${population})`,
  );
  const facts: DrawFacts = {
    populationItems: totals!.items,
    populationAmount: totals!.amount,
    interval: null,
    randomStart: null,
    allocation: null,
  };
  const tooMany = (have: number, what: string) => {
    if (n > have) throw new UserError(`--size ${n} is more than the ${have} ${what} in the population; ask for at most ${have}`);
  };
  if (request.method === "random") {
    tooMany(facts.populationItems, "items");
    await connection.run(
      `CREATE OR REPLACE TEMP TABLE _sample AS
       SELECT row_number() OVER (ORDER BY d, item_id) AS item_no, item_id, employer_id, amount, stratum, 1 AS hits, _load_id, _line
       FROM (SELECT *, ${draw} AS d FROM (${population})) ORDER BY d, item_id LIMIT ${n}`,
      { seed },
    );
  } else if (request.method === "stratified") {
    tooMany(facts.populationItems, "items");
    const strata = await queryRows<{ stratum: string; items: number }>(
      connection,
      `SELECT stratum, count(*) AS items FROM (${population}) GROUP BY stratum ORDER BY stratum`,
    );
    facts.allocation = allocate(strata, n);
    await connection.run(
      `CREATE OR REPLACE TEMP TABLE _sample AS
       SELECT row_number() OVER (ORDER BY stratum, d, item_id) AS item_no, item_id, employer_id, amount, stratum, 1 AS hits, _load_id, _line
       FROM (SELECT p.*, ${draw} AS d FROM (${population}) AS p
             JOIN (VALUES ${Object.entries(facts.allocation)
               .map(([s, k]) => `(${sqlString(s)}, ${k})`)
               .join(", ")}) AS alloc(s, k)
               ON alloc.s = p.stratum
             QUALIFY row_number() OVER (PARTITION BY p.stratum ORDER BY d, item_id) <= k)`,
      { seed },
    );
  } else {
    await mus(connection, population, n, seed, facts);
  }
  return facts;
}

/** Proportional allocation by largest remainders (ties to the larger stratum, then by name); sums to n. */
export function allocate(strata: readonly { stratum: string; items: number }[], n: number): Record<string, number> {
  const total = strata.reduce((s, x) => s + x.items, 0);
  const shares = strata.map((x) => {
    const exact = new Decimal(n).times(x.items).div(total);
    return { ...x, k: exact.floor().toNumber(), rest: exact.minus(exact.floor()) };
  });
  let left = n - shares.reduce((s, x) => s + x.k, 0);
  const order = [...shares].sort((a, b) => b.rest.comparedTo(a.rest) || b.items - a.items || a.stratum.localeCompare(b.stratum));
  for (const x of order)
    if (left > 0 && x.k < x.items) {
      x.k++;
      left--;
    }
  return Object.fromEntries(shares.map((x) => [x.stratum, x.k]));
}

async function mus(connection: DuckDBConnection, population: string, n: number, seed: string, facts: DrawFacts): Promise<void> {
  const [positive] = await queryRows<{ items: number; cents: string }>(
    connection,
    `SELECT count(*) AS items, CAST(coalesce(sum(CAST(amount * 100 AS HUGEINT)), 0) AS VARCHAR) AS cents
     FROM (${population}) WHERE amount > 0`,
  );
  const items = positive!.items;
  if (n > items)
    throw new UserError(`--size ${n} is more than the ${items} items with a positive amount (MUS samples money); ask for at most ${items}`);
  const total = BigInt(positive!.cents);
  // u/10⁹ of an interval: the start, from the seeded PRNG (sfc32), the same on every machine
  const u = (BigInt(new Rng(seedNumber(seed)).next()) * START_SCALE) >> 32n;
  const interval = new Decimal(total.toString()).div(100).div(n);
  facts.interval = interval.toFixed(6);
  facts.randomStart = interval.times(u.toString()).div(START_SCALE.toString()).toFixed(6);
  // Point k lies at (u + k·10⁹)·T in units where an item spans [from·n·10⁹, upto·n·10⁹) halalas·n·10⁹.
  const d = (START_SCALE * total).toString();
  const uT = (u * total).toString();
  const ceilDiv = (x: string) => `CASE WHEN (${x}) >= 0 THEN ((${x}) + ${d} - 1) // ${d} ELSE -((-(${x})) // ${d}) END`;
  const scale = `CAST(${n} AS HUGEINT) * ${START_SCALE}`;
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE _sample AS
     WITH spans AS (
       SELECT *, sum(cents) OVER (ORDER BY item_id ROWS UNBOUNDED PRECEDING) AS upto
       FROM (SELECT *, CAST(amount * 100 AS HUGEINT) AS cents FROM (${population}) WHERE amount > 0)
     ),
     points AS (
       SELECT *, greatest(0, ${ceilDiv(`(upto - cents) * ${scale} - ${uT}`)}) AS lo,
         least(${n}, ${ceilDiv(`upto * ${scale} - ${uT}`)}) AS hi
       FROM spans
     )
     SELECT row_number() OVER (ORDER BY item_id) AS item_no, item_id, employer_id, amount, stratum,
       CAST(hi - lo AS INTEGER) AS hits, _load_id, _line
     FROM points WHERE hi > lo`,
  );
}
