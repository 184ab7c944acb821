// What a model is once its file has been read: identity, header, tests. References are added later,
// once DuckDB has parsed the SQL (see references.ts).
import type { LocatedYaml } from "./located-yaml.ts";
import type { HeaderBlock, ModelHeader, ParamSpec } from "./header.ts";
import type { TestSpec } from "./test-spec.ts";

export const LAYERS = ["staging", "core", "detectors", "marts"] as const;
export type Layer = (typeof LAYERS)[number];

/** Schemas the models may read without building them: the ingest's tables. */
export const SOURCE_SCHEMAS = ["raw", "audit"] as const;

export interface Model {
  /** `schema.table`, e.g. `staging.stg_employers`. */
  id: string;
  layer: Layer;
  name: string;
  /** Path as shown in messages. */
  file: string;
  path: string;
  language: "sql" | "ts";
  /** The whole file, header included: line numbers in DuckDB's messages then match the file. */
  text: string;
  header: ModelHeader;
  located: LocatedYaml;
  block: HeaderBlock;
  params: Record<string, ParamSpec>;
  tests: TestSpec[];
}

/** A reference found in a model's SQL (or a test's), with the line it is on. */
export interface Reference {
  id: string;
  line: number;
  file: string;
}

export interface ResolvedModel extends Model {
  /** Tables the SQL reads, found by DuckDB's parser. Empty for TypeScript models. */
  inferred: Reference[];
  /** Variables the model's SQL and tests read with getvariable('name'). */
  variables: Reference[];
  /** Variables read by an incremental model's `periods` query. */
  periodVariables: string[];
  /** Models this one needs built first (declared ∪ inferred ∪ test references), model ids only. */
  upstream: string[];
  /** Source tables (raw.*, audit.*) read directly. */
  sources: string[];
}

export const qualified = (id: string) =>
  id
    .split(".")
    .map((p) => `"${p.replaceAll('"', '""')}"`)
    .join(".");
