// Where the Benford chart's shards are, shared by the exporter (pipelines/publish/export/benford.ts)
// and the Findings page: one file per group tested, all its tests and populations.
import type { BenfordLevel } from "../../pipelines/publish/page-data/benford.ts";

/** benford/<level>/<group>.json; the whole fund's (level all) is benford/all/all.json. */
export const benfordShard = (level: BenfordLevel, groupId: string) =>
  `benford/${level}/${level === "all" ? "all" : encodeURIComponent(groupId)}.json`;
