import { FOREIGN } from "./names-foreign.ts";
import { ACTIVITY, CITIES, GOVERNMENT, PREFIXES, STEMS, SUFFIXES } from "./names-employers.ts";
import { type Name, SAUDI_FAMILIES, SAUDI_FEMALE, SAUDI_MALE } from "./names.ts";

/** Every Arabic string the pools can produce a name from (for the Windows-1256 round-trip test). */
export function allArabicFragments(): string[] {
  const names: Name[] = [
    ...SAUDI_MALE,
    ...SAUDI_FEMALE,
    ...SAUDI_FAMILIES,
    ...PREFIXES,
    ...STEMS,
    ...Object.values(ACTIVITY),
    ...GOVERNMENT,
    ...CITIES,
    ...SUFFIXES,
    ...Object.values(FOREIGN).flatMap((n) => [...n.male, ...n.female, ...n.families]),
  ];
  return [...names.map((n) => n[0]), "فرع"];
}
