// The tests a model header declares, read into one shape each. Each entry is a map with one test
// name as its key, plus optional `severity` (error | warn) and `name`.
import { z } from "zod";
import { UserError } from "../lib/errors.ts";
import { didYouMean, type LocatedYaml } from "./located-yaml.ts";

export type Severity = "error" | "warn";

interface TestBase {
  /** Stable name stored in audit.test_results, e.g. `not_null(employer_id)`. */
  name: string;
  severity: Severity;
  file: string;
  line: number;
}

export type TestSpec = TestBase &
  (
    | { kind: "not_null"; column: string }
    | { kind: "unique"; columns: string[] }
    | { kind: "accepted_values"; column: string; values: (string | number | boolean)[] }
    | { kind: "relationships"; column: string; to: string; field: string }
    | { kind: "expression"; sql: string }
    | {
        kind: "reconciles";
        sum: string;
        where?: string;
        equals: { model: string; sum: string; where?: string };
        by: string[];
      }
    | { kind: "custom"; sql: string }
  );

const Columns = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).transform((c) => (typeof c === "string" ? [c] : c));

const ARGUMENTS = {
  not_null: Columns,
  unique: Columns,
  accepted_values: z.strictObject({
    column: z.string().min(1),
    values: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1),
  }),
  relationships: z.strictObject({
    column: z.string().min(1),
    to: z.string().min(1),
    field: z.string().min(1).optional(),
  }),
  expression: z
    .union([z.string().min(1), z.strictObject({ sql: z.string().min(1) })])
    .transform((e) => (typeof e === "string" ? e : e.sql)),
  reconciles: z.strictObject({
    sum: z.string().min(1),
    where: z.string().optional(),
    equals: z.strictObject({ model: z.string().min(1), sum: z.string().min(1), where: z.string().optional() }),
    by: Columns.optional(),
  }),
} as const;

export const TEST_KINDS = Object.keys(ARGUMENTS) as (keyof typeof ARGUMENTS)[];
const COMMON = ["severity", "name"];

export function parseTests(entries: readonly unknown[], located: LocatedYaml, file: string): TestSpec[] {
  return entries.flatMap((entry, i) => parseEntry(entry, i, located, file));
}

function parseEntry(entry: unknown, index: number, located: LocatedYaml, file: string): TestSpec[] {
  const at = (...path: PropertyKey[]) => ({ file, line: located.lineAt(["tests", index, ...path]) });
  const usage = `write e.g. "- not_null: employer_id" or "- unique: [employer_id, period]"; known tests: ${TEST_KINDS.join(", ")}`;
  if (entry === null || typeof entry !== "object" || Array.isArray(entry))
    throw new UserError(`tests[${index}]: a test is a map with the test's name as key; ${usage}`, { at: at() });
  const record = entry as Record<string, unknown>;
  const kinds = Object.keys(record).filter((k) => !COMMON.includes(k));
  const unknown = kinds.find((k) => !(k in ARGUMENTS));
  if (unknown)
    throw new UserError(`unknown test "${unknown}"${didYouMean(unknown, TEST_KINDS)}; known tests: ${TEST_KINDS.join(", ")}`, {
      at: at(unknown),
    });
  if (kinds.length !== 1)
    throw new UserError(`tests[${index}]: give exactly one test per entry (found ${kinds.length}); ${usage}`, {
      at: at(),
    });
  const kind = kinds[0] as keyof typeof ARGUMENTS;
  const severity = record.severity ?? "error";
  if (severity !== "error" && severity !== "warn")
    throw new UserError(`severity must be error (stops downstream models) or warn (reported only), not "${String(severity)}"`, {
      at: at("severity"),
    });
  if (record.name !== undefined && typeof record.name !== "string") throw new UserError("name must be text", { at: at("name") });
  const parsed = ARGUMENTS[kind].safeParse(record[kind]);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = [kind, ...issue.path.map(String)].join(".");
    throw new UserError(`${field}: ${issue.message}`, {
      at: at(kind, ...issue.path.filter((p) => typeof p !== "symbol")),
    });
  }
  const base = { severity, file, line: at(kind).line } as const;
  const named = (fallback: string) => (typeof record.name === "string" ? record.name : fallback);
  const args = parsed.data;
  switch (kind) {
    case "not_null": {
      const columns = args as string[];
      // One result per column, so a failure names the column that holds nulls.
      return columns.map((column) => ({
        ...base,
        kind,
        column,
        name: columns.length === 1 ? named(`not_null(${column})`) : `not_null(${column})`,
      }));
    }
    case "unique": {
      const columns = args as string[];
      return [{ ...base, kind, columns, name: named(`unique(${columns.join(", ")})`) }];
    }
    case "accepted_values": {
      const a = args as z.infer<typeof ARGUMENTS.accepted_values>;
      return [{ ...base, kind, ...a, name: named(`accepted_values(${a.column})`) }];
    }
    case "relationships": {
      const a = args as z.infer<typeof ARGUMENTS.relationships>;
      const field = a.field ?? a.column;
      return [
        {
          ...base,
          kind,
          column: a.column,
          to: a.to,
          field,
          name: named(`relationships(${a.column} → ${a.to}.${field})`),
        },
      ];
    }
    case "expression": {
      const sql = args as string;
      return [{ ...base, kind, sql, name: named(`expression(${sql.length > 60 ? `${sql.slice(0, 57)}...` : sql})`) }];
    }
    case "reconciles": {
      const a = args as z.infer<typeof ARGUMENTS.reconciles>;
      const by = a.by ?? [];
      return [
        {
          ...base,
          kind,
          sum: a.sum,
          where: a.where,
          equals: a.equals,
          by,
          name: named(`reconciles(${a.sum} = ${a.equals.model}.${a.equals.sum})`),
        },
      ];
    }
  }
}

/** Models and sources a test reads besides its own model: they must be built first. */
export function testReferences(test: TestSpec): string[] {
  if (test.kind === "relationships") return [test.to];
  if (test.kind === "reconciles") return [test.equals.model];
  return [];
}
