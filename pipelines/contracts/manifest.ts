// The contract of a delivery's manifest.json (extracts.md, "Deliveries").
import { z } from "zod";
import { isRealTimestamp, TIMESTAMP_PATTERN } from "./columns.ts";
import { ENTITIES, controlColumn, type EntityName } from "./index.ts";

const entityNames = ENTITIES.map((e) => e.name) as [EntityName, ...EntityName[]];
const FILE_NAME = /^([a-z_]+)_(\d{8})(?:_(\d+))?\.csv$/;

export const manifestFile = z
  .object({
    name: z.string().regex(FILE_NAME, "file names are <entity>_<YYYYMMDD>[_<seq>].csv"),
    entity: z.enum(entityNames),
    rows: z.number().int().nonnegative(),
    control_total: z
      .string()
      .regex(/^-?\d+(\.\d+)?$/, 'a decimal string such as "48211934.25"')
      .optional(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/i, "64 hex digits"),
    encoding: z.enum(["utf-8", "windows-1256"]).default("utf-8"),
  })
  .superRefine((file, ctx) => {
    const prefix = FILE_NAME.exec(file.name)?.[1];
    if (prefix && prefix !== file.entity)
      ctx.addIssue({
        code: "custom",
        path: ["name"],
        message: `file name says entity "${prefix}" but entity is "${file.entity}"`,
      });
    const hasControl = controlColumn(ENTITIES.find((e) => e.name === file.entity)!) !== undefined;
    if (hasControl && file.control_total === undefined)
      ctx.addIssue({ code: "custom", path: ["control_total"], message: `required for ${file.entity}` });
  });

/**
 * Where a file stands among its entity's files in one delivery: by its day, then its sequence number read
 * as a number (`_2` before `_10`), a file without one first.
 */
export function compareFileNames(a: string, b: string): number {
  const [, , dayA = "", seqA = "0"] = FILE_NAME.exec(a) ?? [];
  const [, , dayB = "", seqB = "0"] = FILE_NAME.exec(b) ?? [];
  return dayA.localeCompare(dayB) || Number(seqA) - Number(seqB) || (a < b ? -1 : a > b ? 1 : 0);
}

export const manifestSchema = z.object({
  delivery_id: z.string().min(1),
  created_at: z
    .string()
    .regex(new RegExp(`^${TIMESTAMP_PATTERN}$`), "an ISO 8601 timestamp with offset")
    .refine(isRealTimestamp, "not a real point in time"),
  source: z.string().min(1),
  files: z.array(manifestFile),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestFile = z.infer<typeof manifestFile>;
export type ManifestInput = z.input<typeof manifestSchema>;
