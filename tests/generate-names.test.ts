// Every Arabic fragment a generated name is made of must survive the legacy export encoding
// (Windows-1256): a letter outside the code page would be written as "?" and the name lost.
import iconv from "iconv-lite";
import { expect, test } from "vitest";
import { allArabicFragments } from "../pipelines/generate/names-all.ts";

const roundTrips = (s: string) => iconv.decode(iconv.encode(s, "win1256"), "win1256") === s;

test("every Arabic name fragment round-trips through Windows-1256", () => {
  const fragments = allArabicFragments();
  expect(fragments.length).toBeGreaterThan(200);
  expect(fragments.filter((f) => !roundTrips(f))).toEqual([]);
});

test("the check catches a letter Windows-1256 cannot hold", () => {
  // U+06A4 (veh) is Persian/Kurdish and not in the code page
  expect(roundTrips("ڤيصل")).toBe(false);
});
