// The inbox being written: one folder per delivery, files opened lazily as rows arrive, and at the
// end a manifest.json per delivery with row counts, control totals and sha256 (extracts.md).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ENTITIES, columnsOf, controlColumn, entityByName } from "../contracts/index.ts";
import type { ManifestInput } from "../contracts/manifest.ts";
import { formatSar } from "../rules/money.ts";
import { compactDay, timestampText, type Instant } from "./calendar.ts";
import { CsvFile, type CsvRow, type FileFormat, type WrittenFile } from "./csv-writer.ts";
import { buildSchedule, slotFor, SOURCE_SYSTEM, type Slot, type Source, type Window } from "./schedule.ts";

export interface WrittenDelivery {
  id: string;
  folder: string;
  createdAt: string;
  source: string;
  files: (WrittenFile & { entity: string })[];
}

const contractColumns = new Map<string, string[]>();
export function columnNames(entity: string): string[] {
  let names = contractColumns.get(entity);
  if (!names) {
    names = columnsOf(entityByName(entity)!).map((c) => c.name);
    contractColumns.set(entity, names);
  }
  return names;
}

const rotate = (columns: string[], by: number) => [...columns.slice(by), ...columns.slice(0, by)];

/**
 * How each source exports: legacy Windows-1256 registration files every other month, BOMs from the
 * objections system and on some invoice files, CRLF from the audit platform, and a few files whose
 * columns come in another order, so the ingest meets every variant extracts.md allows.
 */
export function formatFor(slot: Slot, entity: string): FileFormat {
  const columns = columnNames(entity);
  const base: FileFormat = { encoding: "utf-8", bom: false, crlf: false, columns };
  switch (slot.source) {
    case "registration":
      if ((entity === "employers" || entity === "contributors") && slot.index % 2 === 0) return { ...base, encoding: "windows-1256" };
      if (entity === "contributors") return { ...base, crlf: true };
      if (entity === "engagements" && slot.index % 2 === 1) return { ...base, columns: rotate(columns, 2) };
      return base;
    case "billing":
      if (entity === "invoices" && slot.index % 2 === 1) return { ...base, bom: true };
      if (entity === "invoice_adjustments" && slot.index % 3 === 2) return { ...base, columns: [...columns].reverse() };
      return base;
    case "payments":
      if (slot.index % 7 === 3) return { ...base, columns: [...columns].reverse() };
      if (slot.index % 7 === 5) return { ...base, crlf: true };
      return base;
    case "objections":
      return { ...base, bom: true };
    case "platform":
      return { ...base, crlf: true };
  }
}

/**
 * Where an entity's rows went last and its file in each slot of its source, updated in place: the
 * activity log and payments move between weekly and daily deliveries all the time, and each move
 * looked two maps up and allocated.
 */
interface Cursor {
  source: Source;
  slot: Slot | null;
  file: CsvFile | null;
  bySlot: (CsvFile | undefined)[];
}

const newCursor = (source: Source, slots: number): Cursor => ({
  source,
  slot: null,
  file: null,
  bySlot: new Array<CsvFile | undefined>(slots).fill(undefined),
});

export class Deliveries {
  readonly schedule: Record<Source, Slot[]>;
  /** The main file of each entity in each slot: the hot path looks files up without building names. */
  private readonly main = new Map<Slot, Map<string, CsvFile>>();
  private readonly cursors = new Map<string, Cursor>();
  private readonly slotFiles = new Map<string, { slot: Slot; files: { entity: string; file: CsvFile }[] }>();

  constructor(
    readonly inbox: string,
    readonly window: Window,
    /** Lets the fault planter change a file's format (an unknown extra column). */
    private readonly reformat?: (slot: Slot, entity: string, format: FileFormat) => FileFormat,
    /** When a run is split into shards, each writes its own `_<seq>` file of every entity. */
    private readonly seq?: number,
  ) {
    this.schedule = buildSchedule(window);
  }

  slot(source: Source, at: Instant): Slot | null {
    return slotFor(this.schedule[source], at);
  }

  /** Writes `row` into the delivery of `source` that carries rows available at `at`; false when past the horizon. */
  emit(source: Source, entity: string, at: Instant, row: CsvRow): boolean {
    let cursor = this.cursors.get(entity);
    if (cursor === undefined) {
      cursor = newCursor(source, this.schedule[source].length);
      this.cursors.set(entity, cursor);
    }
    // Consecutive rows of an entity mostly land in the same delivery: try the last one first.
    const last = cursor.slot;
    if (last !== null && last.source === source && at < last.cutoff && at >= last.from) {
      cursor.file!.writeRow(row);
      return true;
    }
    const slot = slotFor(this.schedule[source], at);
    if (!slot) return false;
    let file: CsvFile | undefined;
    if (source === cursor.source) {
      file = cursor.bySlot[slot.index];
      if (file === undefined) cursor.bySlot[slot.index] = file = this.mainFile(slot, entity);
    } else file = this.mainFile(slot, entity);
    cursor.slot = slot;
    cursor.file = file;
    file.writeRow(row);
    return true;
  }

  /** This writer's file of `entity` in `slot`, if a row went there. */
  existing(slot: Slot, entity: string): CsvFile | undefined {
    return this.main.get(slot)?.get(entity);
  }

  /** This writer's file of `entity` in `slot` (created if no row went there yet). */
  mainFile(slot: Slot, entity: string): CsvFile {
    let byEntity = this.main.get(slot);
    if (!byEntity) {
      byEntity = new Map();
      this.main.set(slot, byEntity);
    }
    let file = byEntity.get(entity);
    if (!file) {
      const name = `${entity}_${compactDay(slot.fileDay)}${this.seq === undefined ? "" : `_${this.seq}`}.csv`;
      const folder = join(this.inbox, slot.id);
      mkdirSync(folder, { recursive: true });
      const format = formatFor(slot, entity);
      file = new CsvFile(
        join(folder, name),
        name,
        this.reformat ? this.reformat(slot, entity, format) : format,
        controlColumn(entityByName(entity)!),
      );
      byEntity.set(entity, file);
      let entry = this.slotFiles.get(slot.id);
      if (!entry) {
        entry = { slot, files: [] };
        this.slotFiles.set(slot.id, entry);
      }
      entry.files.push({ entity, file });
    }
    return file;
  }

  /** Closes every file; deliveries come back in created_at order, files in apply order. */
  close(): WrittenDelivery[] {
    const order = new Map<string, number>(ENTITIES.map((e, i) => [e.name, i]));
    return [...this.slotFiles.values()]
      .sort((a, b) => a.slot.createdAt - b.slot.createdAt || (a.slot.id < b.slot.id ? -1 : 1))
      .map(({ slot, files }) => ({
        id: slot.id,
        folder: join(this.inbox, slot.id),
        createdAt: timestampText(slot.createdAt),
        source: SOURCE_SYSTEM[slot.source],
        files: files
          .sort((a, b) => order.get(a.entity)! - order.get(b.entity)! || (a.file.name < b.file.name ? -1 : 1))
          .map(({ entity, file }) => ({ ...file.close(), entity })),
      }));
  }
}

export type ManifestEntry = ManifestInput["files"][number];

export function manifestEntry(file: WrittenFile & { entity: string }): ManifestEntry {
  const hasControl = controlColumn(entityByName(file.entity)!) !== undefined;
  return {
    name: file.name,
    entity: file.entity as ManifestEntry["entity"],
    rows: file.rows,
    ...(hasControl ? { control_total: formatSar(file.control) } : {}),
    sha256: file.sha256,
    encoding: file.encoding,
  };
}

export function writeManifest(folder: string, manifest: ManifestInput): void {
  writeFileSync(join(folder, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}

export function manifestOf(delivery: WrittenDelivery): ManifestInput {
  return {
    delivery_id: delivery.id,
    created_at: delivery.createdAt,
    source: delivery.source,
    files: delivery.files.map(manifestEntry),
  };
}
