// Every data file `tahseel publish` writes for the site, by name, with its one type: the exporters
// write through `writePageData` and the pages read the same types, so a renamed field fails the
// type check on both sides rather than in the browser.
import type { Catalog } from "../../engine/catalog.ts";
import type { SiteInfo } from "../types.ts";
import type { AlertsData } from "./alerts.ts";
import type { BillingData } from "./billing.ts";
import type { CollectionsData } from "./collections.ts";
import type { ComplianceData } from "./compliance.ts";
import type { EmployerSearch } from "./employer.ts";
import type { HealthData } from "./health.ts";
import type { ObjectionsData } from "./objections.ts";
import type { OverviewData } from "./overview.ts";
import type { StaffData } from "./staff.ts";
import type { RiskData } from "./risk.ts";

export interface PageDataFiles {
  "site.json": SiteInfo;
  "overview.json": OverviewData;
  "collections.json": CollectionsData;
  "billing.json": BillingData;
  "health.json": HealthData;
  "catalog.json": Catalog;
  "employer-search.json": EmployerSearch;
  "objections.json": ObjectionsData | null;
  "compliance.json": ComplianceData;
  "staff.json": StaffData;
  "alerts.json": AlertsData;
  "risk.json": RiskData;
}

export type PageDataFile = keyof PageDataFiles;
