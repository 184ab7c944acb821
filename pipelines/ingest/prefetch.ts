// Reading ahead: each file is hashed, scanned and numbered while DuckDB loads the one before it, across
// delivery boundaries too. The order is planned from the audit tables once, up front; the loop still
// decides for itself what to load, so a plan that turns out wrong (a delivery named twice) only wastes a
// scan. At most one file is read ahead of the one loading, so the numbered copies never pile up on disk.
import type { DuckDBConnection } from "@duckdb/node-api";
import { join } from "node:path";
import type { ManifestFile } from "../contracts/manifest.ts";
import { queryRows } from "../lib/duckdb.ts";
import { byApplyOrder, riyadhDay, type DeliveryFolder } from "./deliveries.ts";
import { startScan, type Delivery, type PendingScan } from "./load-file.ts";

interface Planned {
  folder: string;
  file: ManifestFile;
}

const keyOf = (folder: string, file: ManifestFile) => `${folder}\u0000${file.name}`;

export class Prefetch {
  private order: Planned[] = [];
  private readonly position = new Map<string, number>();
  private readonly started = new Map<string, PendingScan>();
  private count = 0;

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly deliveries: DeliveryFolder[],
    private readonly workDir: string,
  ) {}

  async plan(): Promise<this> {
    const seen = new Set((await queryRows<{ id: string }>(this.connection, "SELECT delivery_id AS id FROM audit.deliveries")).map((r) => r.id));
    const loads = await queryRows<{ id: string; name: string }>(this.connection, "SELECT delivery_id AS id, file_name AS name FROM audit.loads");
    const done = new Set(loads.map((l) => `${l.id}\u0000${l.name}`));
    for (const d of this.deliveries) {
      if (!d.ok || seen.has(d.manifest.delivery_id)) continue;
      for (const file of [...d.manifest.files].sort(byApplyOrder)) {
        if (done.has(`${d.manifest.delivery_id}\u0000${file.name}`)) continue;
        this.position.set(keyOf(d.folder, file), this.order.length);
        this.order.push({ folder: d.folder, file });
      }
    }
    return this;
  }

  /** The scan of `file` (started earlier, or now), with the next planned file's scan queued behind it. */
  scanAndReadAhead(delivery: Delivery, file: ManifestFile): PendingScan {
    const scan = this.started.get(keyOf(delivery.folder, file)) ?? this.start(delivery, file);
    const next = this.order[(this.position.get(keyOf(delivery.folder, file)) ?? Number.NaN) + 1];
    if (next) {
      const readAhead = () => {
        const info = this.deliveryOf(next.folder);
        if (info && !this.started.has(keyOf(next.folder, next.file))) this.start(info, next.file);
      };
      void scan.result.then(readAhead, readAhead);
    }
    return scan;
  }

  private start(delivery: Delivery, file: ManifestFile): PendingScan {
    const scan = startScan(delivery, file, join(this.workDir, `${this.count++}.numbered.csv`));
    this.started.set(keyOf(delivery.folder, file), scan);
    return scan;
  }

  private deliveryOf(folder: string): Delivery | null {
    const d = this.deliveries.find((x) => x.folder === folder);
    if (!d?.ok) return null;
    return { id: d.manifest.delivery_id, folder, createdAt: d.manifest.created_at, day: riyadhDay(d.manifest.created_at) };
  }
}
