// The shape of a KPI catalogue entry (kpi-catalogue.ts), in a file of its own so that the catalogue's
// parts kept in other files (kpi-catalogue-compliance.ts) share it without importing the catalogue.

/** per_1000: a count per 1,000 of something (objections per 1,000 invoices), shown with one decimal. */
export type Unit = "SAR" | "ratio" | "days" | "count" | "per_1000";
/** Which way the figure should move: "none" for a volume that is neither good nor bad in itself. */
export type Better = "up" | "down" | "none";
export type Dimension = "region" | "sector" | "size_class" | "legal_form";
export type Words = { ar: string; en: string };

export interface KpiEntry {
  unit: Unit;
  better: Better;
  /** The model that computes it, as schema.name. */
  model: string;
  dimensions: readonly Dimension[];
  label: Words;
  /** One sentence; the model's full description is on the data health page. */
  definition: Words;
  /** Led with on the overview and in the report, in catalogue order. */
  headline?: true;
}

export const KPI_DIMENSIONS: readonly Dimension[] = ["region", "sector", "size_class", "legal_form"];
/** The KPIs of marts.kpi_monthly, cut by every dimension. */
export const MONTHLY = { model: "marts.kpi_monthly", dimensions: KPI_DIMENSIONS } as const;
