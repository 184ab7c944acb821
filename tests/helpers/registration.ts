// Two employers and two contributors, delivered first so the rows of a test have something to name.
import { csv } from "./deliveries.ts";
import { contributor, employer, nationalId } from "./rows.ts";

export const C1 = nationalId("100000001");
export const C2 = nationalId("200000002");

export const registration = [
  {
    name: "employers_20261101.csv",
    entity: "employers",
    text: csv("employers", [employer("100000001"), employer("100000002")]),
  },
  {
    name: "contributors_20261101.csv",
    entity: "contributors",
    text: csv("contributors", [contributor(C1), contributor(C2)]),
  },
];
