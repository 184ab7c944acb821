// The generator's deliveries, read back as the ingest will: deterministic bytes, every row valid per
// the contracts, manifests that match their files, references that resolve in apply order, plausible lives,
// keys that repeat only as snapshots, Windows-1256 that round-trips (the bills: generate-billing.test.ts).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { ENTITIES, columnsOf, controlColumn, entityByName, keyColumns } from "../pipelines/contracts/index.ts";
import { addYears } from "../pipelines/contracts/registration.ts";
import { generateDeliveries, type GenerateResult } from "../pipelines/generate/index.ts";
import { readRows } from "../pipelines/generate/csv-reader.ts";
import { rowsOf, type ReadDelivery } from "../pipelines/generate/inbox-reader.ts";
import { fingerprint, useGeneratedSample } from "./helpers/generated.ts";
import { formatSar, parseSar } from "../pipelines/rules/index.ts";

const generated = useGeneratedSample("tahseel-generate-");
const { root, out } = generated;
let result: GenerateResult;
let deliveries: ReadDelivery[];
beforeAll(() => ({ result, deliveries } = generated));

describe("determinism", () => {
  it("writes the same bytes for the same seed and options, other bytes for another seed", async () => {
    const again = join(root, "b");
    await generateDeliveries({ out: again, employers: 50, months: 12, end: "2026-10", seed: "1" });
    const [first, second] = [fingerprint(out), fingerprint(again)];
    expect(second.size).toBe(first.size);
    expect([...second]).toEqual([...first]);
    const other = join(root, "c");
    await generateDeliveries({ out: other, employers: 50, months: 12, end: "2026-10", seed: "2" });
    expect(fingerprint(other).get("answer_key.csv")).not.toBe(first.get("answer_key.csv"));
    const shared = [...fingerprint(other)].filter(([path, hash]) => first.get(path) === hash && path.endsWith(".csv"));
    expect(shared).toEqual([]);
  });

  it("matches the committed sample (data/sample is `generate --employers 50 --months 12 --end 2026-10 --seed 1`)", () => {
    const sample = fingerprint(join(import.meta.dirname, "..", "data", "sample"));
    expect([...sample]).toEqual([...fingerprint(out)]);
  });

  it("writes the same bytes whether shards run on one thread or several", async () => {
    const [x, y] = [join(root, "s1"), join(root, "s2")];
    await generateDeliveries({ out: x, employers: 30, months: 3, seed: "7", shards: 2 });
    await generateDeliveries({ out: y, employers: 30, months: 3, seed: "7", shards: 2 });
    expect([...fingerprint(y)]).toEqual([...fingerprint(x)]);
    const names = readdirSync(join(x, "inbox", "2026-09-01T0100"));
    expect(names).toEqual(expect.arrayContaining(["wages_20260831_1.csv", "wages_20260831_2.csv"]));
  });
});

describe("deliveries follow extracts.md", () => {
  it("names folders, files and timestamps as the spec does", () => {
    expect(deliveries.length).toBeGreaterThan(300);
    for (const d of deliveries) {
      expect(d.manifest.delivery_id).toBe(d.id);
      expect(d.id).toMatch(/^\d{4}-\d\d-\d\dT\d{4}$/);
      expect(d.manifest.created_at).toBe(`${d.id.slice(0, 10)}T${d.id.slice(11, 13)}:${d.id.slice(13, 15)}:00+03:00`);
      for (const f of d.manifest.files) expect(f.name).toMatch(new RegExp(`^${f.entity}_\\d{8}(_\\d+)?\\.csv$`));
    }
    const sources = new Set(deliveries.map((d) => d.manifest.source));
    expect([...sources].sort()).toEqual(["billing-system", "objections-system", "platform-audit", "registration-system"]);
  });

  it("lists in each manifest the rows, control totals and sha256 of the bytes delivered", () => {
    for (const d of deliveries)
      for (const [i, f] of d.manifest.files.entries()) {
        const bytes = readFileSync(join(d.folder, f.name));
        expect(createHash("sha256").update(bytes).digest("hex")).toBe(f.sha256);
        const rows = d.files[i]!.rows;
        expect(rows.length).toBe(f.rows);
        const control = controlColumn(entityByName(f.entity)!);
        if (control) expect(f.control_total).toBe(formatSar(rows.reduce((s, r) => s + parseSar(r[control]!), 0)));
        else expect(f.control_total).toBeUndefined();
      }
  });

  it("validates every row of every file with the contracts' column schemas and row rules", () => {
    let checked = 0;
    for (const d of deliveries) {
      const deliveryDay = d.manifest.created_at.slice(0, 10);
      for (const f of d.files) {
        const entity = entityByName(f.entity)!;
        const shape = entity.schema.shape as Record<string, z.ZodType>;
        const columns = columnsOf(entity).map((c) => c.name);
        for (const row of f.rows) {
          expect(Object.keys(row).sort()).toEqual([...columns].sort());
          for (const c of columns) {
            const parsed = shape[c]!.safeParse(row[c]);
            if (!parsed.success) throw new Error(`${d.id}/${f.name} ${c}=${JSON.stringify(row[c])}: ${parsed.error.message}`);
          }
          for (const rule of entity.rowRules)
            if (!rule.check(row as never, { deliveryDay }))
              throw new Error(`${d.id}/${f.name} breaks ${rule.code}: ${JSON.stringify(row)}`);
          checked++;
        }
      }
    }
    expect(checked).toBe(result.rows);
  });

  it("exercises every variant the spec allows: Windows-1256, BOM, CRLF, other column orders, quoted names", () => {
    const files = deliveries.flatMap((d) => d.manifest.files.map((f) => ({ ...f, bytes: readFileSync(join(d.folder, f.name)) })));
    expect(files.some((f) => f.encoding === "windows-1256")).toBe(true);
    expect(files.some((f) => f.bytes[0] === 0xef && f.bytes[1] === 0xbb && f.bytes[2] === 0xbf)).toBe(true);
    expect(files.some((f) => f.bytes.includes("\r\n"))).toBe(true);
    const reordered = files.filter((f) => {
      const text = f.encoding === "windows-1256" ? iconv.decode(f.bytes, "win1256") : f.bytes.toString("utf8");
      return (
        text.replace(/^\uFEFF/, "").split(/\r?\n/)[0] !==
        columnsOf(entityByName(f.entity)!)
          .map((c) => c.name)
          .join(",")
      );
    });
    expect(reordered.length).toBeGreaterThan(0);
    const names = rowsOf(deliveries, "employers").map((r) => r.name_ar!);
    expect(names.some((n) => n.includes(","))).toBe(true);
    expect(names.some((n) => n.includes('"'))).toBe(true);
  });

  it("round-trips Windows-1256 Arabic exactly", () => {
    let arabic = 0;
    for (const d of deliveries)
      for (const f of d.manifest.files.filter((f) => f.encoding === "windows-1256")) {
        const bytes = readFileSync(join(d.folder, f.name));
        const text = iconv.decode(bytes, "win1256");
        expect(text).not.toContain("\uFFFD");
        expect(Buffer.compare(iconv.encode(text, "win1256"), bytes)).toBe(0);
        const names = readRows(join(d.folder, f.name), "windows-1256").map((r) => r.name_ar!);
        for (const n of names) expect(n).toMatch(/^[\u0600-\u06FF ,."]+$/);
        arabic += names.length;
      }
    expect(arabic).toBeGreaterThan(100);
  });
});

describe("a self-consistent world", () => {
  it("resolves every reference against rows delivered before it, in apply order", () => {
    const known = new Map<string, Set<string>>(ENTITIES.map((e) => [e.name, new Set<string>()]));
    const order = new Map<string, number>(ENTITIES.map((e, i) => [e.name, i]));
    for (const d of deliveries) {
      const files = [...d.files].sort((a, b) => order.get(a.entity)! - order.get(b.entity)!);
      for (const f of files) {
        const entity = entityByName(f.entity)!;
        const refs = columnsOf(entity).filter((c) => c.references);
        const key = keyColumns(entity)[0]!;
        for (const row of f.rows) {
          for (const c of refs) {
            const value = row[c.name];
            if (value !== null && c.references!.entity !== f.entity)
              expect(known.get(c.references!.entity)!.has(value!), `${d.id}/${f.name} ${c.name}=${value}`).toBe(true);
          }
          known.get(f.entity)!.add(row[key]!);
        }
        for (const c of refs.filter((c) => c.references!.entity === f.entity))
          for (const row of f.rows) if (row[c.name] !== null) expect(known.get(f.entity)!.has(row[c.name]!)).toBe(true);
      }
    }
  });

  it("keeps lives plausible: engaged after the account and the first registration, at 15 or older, never after a closure", () => {
    const employers = new Map(rowsOf(deliveries, "employers").map((r) => [r.employer_id!, r]));
    const people = new Map(rowsOf(deliveries, "contributors").map((r) => [r.contributor_id!, r]));
    const engagements = [...new Map(rowsOf(deliveries, "engagements").map((r) => [r.engagement_id!, r])).values()];
    for (const e of engagements) {
      const employer = employers.get(e.employer_id!)!;
      const person = people.get(e.contributor_id!)!;
      expect(e.joined_on! >= employer.registered_on!, e.engagement_id!).toBe(true);
      expect(person.first_registered_on! <= e.joined_on!, e.engagement_id!).toBe(true);
      expect(addYears(person.birth_date!, 15) <= e.joined_on!, e.engagement_id!).toBe(true);
      if (employer.status === "closed") expect(!!e.left_on && e.left_on <= employer.status_changed_on!, e.engagement_id!).toBe(true);
    }
    for (const e of employers.values()) if (e.status_changed_on) expect(e.status_changed_on >= e.registered_on!).toBe(true);
  });

  it("never repeats the key of an event, and repeats a snapshot key only in later deliveries", () => {
    for (const entity of ENTITIES) {
      const keys = keyColumns(entity);
      const seen = new Map<string, string>();
      for (const d of deliveries)
        for (const f of d.files.filter((f) => f.entity === entity.name)) {
          const inFile = new Set<string>();
          for (const row of f.rows) {
            const key = keys.map((k) => row[k]).join("|");
            expect(inFile.has(key), `${entity.name} ${key} twice in ${d.id}`).toBe(false);
            inFile.add(key);
            if (entity.kind === "event") expect(seen.has(key), `${entity.name} ${key} again in ${d.id}`).toBe(false);
            seen.set(key, d.id);
          }
        }
    }
  });
});
