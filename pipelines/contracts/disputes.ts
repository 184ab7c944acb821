// Objection-system and platform extracts: disputes, their events, and the audit trail.
import { z } from "zod";
import { amount, boolean, date, enumOf, text, timestamp } from "./columns.ts";
import { defineEntity } from "./entity.ts";

export const DISPUTE_STATUSES = [
  "submitted",
  "under_review",
  "info_requested",
  "escalated_legal",
  "committee",
  "accepted",
  "partially_accepted",
  "rejected",
  "withdrawn",
  "closed",
] as const;

export const disputes = defineEntity({
  name: "disputes",
  kind: "snapshot",
  doc: "Employers' objections to invoices.",
  schema: z.object({
    dispute_id: text().key().required("Objection key."),
    employer_id: text().references("employers", "employer_id").required("The objecting account."),
    invoice_id: text().references("invoices", "invoice_id").required("The invoice objected to."),
    category: enumOf([
      "wage_mismatch",
      "unregistered_period",
      "late_fee",
      "duplicate_billing",
      "terminated_employee",
      "other",
    ] as const).required("What the objection is about."),
    disputed_amount: amount("positive").required("Amount disputed, SAR."),
    submitted_on: date().required("When it was filed."),
    documents_complete: boolean().required("Whether the required documents were all filed."),
  }),
  rowRules: [],
});

export const disputeEvents = defineEntity({
  name: "dispute_events",
  kind: "event",
  doc: "Each status change of an objection.",
  schema: z.object({
    event_id: text().key().required("Event key."),
    dispute_id: text().references("disputes", "dispute_id").required("The objection."),
    at: timestamp().required("When the status changed."),
    status: enumOf(DISPUTE_STATUSES).required("The new status."),
    actor: text().required("Who changed it."),
    resolved_amount: amount("signed").nullable("Amount conceded, set on accepted / partially_accepted."),
  }),
  rowRules: [],
});

export const activityLog = defineEntity({
  name: "activity_log",
  kind: "event",
  doc: "The platform's audit trail of changes and logins.",
  schema: z.object({
    event_id: text().key().required("Event key."),
    at: timestamp().required("When it happened."),
    actor_id: text().required("Who did it."),
    actor_role: enumOf(["employer_user", "staff", "system", "integration"] as const).required("Kind of actor."),
    action: enumOf(["create", "update", "delete", "approve", "login"] as const).required("What was done."),
    entity: enumOf(["employer", "contributor", "engagement", "wage", "invoice", "adjustment", "payment", "dispute"] as const).required(
      "What kind of row was changed (`employer` for logins).",
    ),
    entity_id: text().nullable("The changed row's key; for a wage `period|employer_id|contributor_id`; null for logins."),
    field: text().nullable("The changed field."),
    old_value: text().nullable("Value before."),
    new_value: text().nullable("Value after."),
    channel: enumOf(["portal", "backoffice", "api"] as const).required("Where it was done."),
  }),
  rowRules: [],
});
