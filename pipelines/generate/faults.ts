// placeholder
import type { ManifestInput } from "../contracts/manifest.ts";
import type { FileFormat } from "./csv-writer.ts";
import type { WrittenDelivery } from "./deliveries.ts";
import type { World } from "./model.ts";
import type { Slot } from "./schedule.ts";
export class FaultPlanter {
  count = 0;
  constructor(readonly seed: number, readonly out: string) {}
  reformat(_slot: Slot, _entity: string, format: FileFormat): FileFormat { return format; }
  plantRows(_world: World): void {}
  tamper(_d: WrittenDelivery, m: ManifestInput): ManifestInput { return m; }
  plantFiles(_world: World, _written: WrittenDelivery[]): WrittenDelivery[] { return []; }
  close(): void {}
}
