// Bad input on request (`--faults`): rows that break each rule of extracts.md, planted at the end of
// real files, and whole bad files in extra deliveries. Every fault is listed in faults.csv with the
// outcome the ingest owes it. Planted rows use keys of their own, so the good data loads unchanged.
import { join } from "node:path";
import type { FileFormat } from "./csv-writer.ts";
import { timestampText } from "./calendar.ts";
import { plantBillingFaults, plantPaymentFaults } from "./faults-ledger.ts";
import { plantRegistrationFaults } from "./faults-registration.ts";
import { line, type Put, q } from "./faults-lines.ts";
import type { World } from "./model.ts";
import { mix, Rng } from "./prng.ts";
import type { Slot } from "./schedule.ts";

export interface FaultRecord {
  delivery: string;
  file: string;
  /** Physical line (header = 1); null for a fault of the whole file or delivery. */
  line: number | null;
  kind: string;
  /** `quarantine:<rule>`, `skip:duplicate_row`, `reject:<reason>`, `load:<note>`, … */
  expected: string;
  detail: string;
}

export const FAULT_COLUMNS = ["delivery", "file", "line", "kind", "expected", "detail"];

const middle = <T>(list: readonly T[], shift = 0): T => list[Math.min(list.length - 1, Math.floor(list.length / 2) + shift)]!;

export class RowFaults {
  private readonly rng: Rng;
  private extraColumnSlot: Slot | null = null;
  private readonly records: FaultRecord[] = [];

  constructor(seed: number) {
    this.rng = new Rng(mix(seed, 41));
  }

  /** One mid-window payments file carries an unknown extra column (reported, then ignored). */
  reformat(slot: Slot, entity: string, format: FileFormat): FileFormat {
    if (entity !== "payments" || slot.source !== "payments" || slot.index % 29 !== 17 || this.extraColumnSlot) return format;
    this.extraColumnSlot = slot;
    return { ...format, columns: [...format.columns, "remarks"] };
  }

  plant(world: World): FaultRecord[] {
    const s = world.out.schedule;
    const reg = middle(s.registration);
    const bill = middle(s.billing);
    const pay = middle(s.payments);
    const put: Put = (slot, entity, fields, kind, expected, detail, control = null) => {
      const file = world.out.mainFile(slot, entity);
      const text = typeof fields === "string" ? fields : line(file, fields);
      this.records.push({ delivery: slot.id, file: file.name, line: file.rows + 2, kind, expected, detail });
      file.writeLine(text, control);
    };
    const known = plantRegistrationFaults(world, reg, this.rng, put);

    plantBillingFaults(bill, known, put);
    plantPaymentFaults(world, pay, known, put);
    const obj = middle(s.objections);
    put(
      obj,
      "dispute_events",
      {
        event_id: "OB-FAULT-1",
        dispute_id: "OB-000000000-999",
        at: timestampText(obj.cutoff - 3600),
        status: "submitted",
        actor: "U000000000-1",
      },
      "unknown_reference",
      q("unknown_reference"),
      "dispute never delivered",
    );
    const platform = middle(s.platform);
    put(
      platform,
      "activity_log",
      {
        event_id: "AL-FAULT-1",
        at: timestampText(platform.cutoff - 3600),
        actor_id: "ST00000",
        actor_role: "staff",
        action: "hack",
        entity: "invoice",
        entity_id: "IN-x",
        channel: "backoffice",
      },
      "bad_enum",
      q("bad_enum"),
      "action hack",
    );
    if (this.extraColumnSlot) {
      const file = world.out.mainFile(this.extraColumnSlot, "payments");
      this.records.push({
        delivery: this.extraColumnSlot.id,
        file: file.name,
        line: null,
        kind: "unknown_column",
        expected: "load:unknown_column_reported",
        detail: "extra column remarks",
      });
    }
    return this.records;
  }
}

export const faultsPath = (out: string) => join(out, "faults.csv");
