// The dispositions file read strictly: records by their first physical line (a note may span lines),
// every problem named by line and column, and what it writes reads back the same.
import { expect, test } from "vitest";
import { formatDispositions, parseDispositions } from "../pipelines/findings/dispositions-csv.ts";

const HEADER = "anomaly_id,status,by,at,note";

test("a quoted note over several lines keeps the line numbers of the records after it", () => {
  const first = 'a1,confirmed,x,2026-11-26T09:00+03:00,"two\nlines, one ""quoted"""';
  const text = `\uFEFF${HEADER}\r\n${first}\r\n\r\na2,open,y,2026-11-26T10:00:00Z,\n`;
  expect(parseDispositions(text, "d.csv")).toEqual([
    { anomaly_id: "a1", status: "confirmed", by: "x", at: "2026-11-26T06:00:00.000Z", note: 'two\nlines, one "quoted"', line: 2 },
    { anomaly_id: "a2", status: "open", by: "y", at: "2026-11-26T10:00:00.000Z", note: null, line: 5 },
  ]);
  const bad = `${HEADER}\na1,confirmed,x,2026-11-26T09:00+03:00,"two\nlines"\na2,closed,,yesterday,\n`;
  expect(() => parseDispositions(bad, "d.csv")).toThrow(
    [
      "3 problem(s) in the dispositions file; nothing was applied:",
      '  d.csv line 4, column 2 (status): "closed" is not a status; use one of open, confirmed, false_positive, resolved, exempt',
      "  d.csv line 4, column 3 (by): empty; name who decided",
      '  d.csv line 4, column 4 (at): "yesterday" is not a timestamp; write ISO 8601 with an offset, e.g. 2026-11-25T09:30:00+03:00',
    ].join("\n"),
  );
});

test("a wrong header, a wrong field count, a local time and an unclosed quote are each refused with their place", () => {
  expect(() => parseDispositions("id,status\n", "d.csv")).toThrow("d.csv line 1: the header must be anomaly_id,status,by,at,note");
  expect(() => parseDispositions(`${HEADER}\na1,open,x,2026-11-26T09:00:00Z,note,extra\n`, "d.csv")).toThrow(
    "d.csv line 2, column 6 (extra): 6 fields; give exactly 5 (quote a note with commas)",
  );
  expect(() => parseDispositions(`${HEADER}\na1,open,x,2026-11-26T09:00:00,\n`, "d.csv")).toThrow("line 2, column 4 (at)");
  expect(() => parseDispositions(`${HEADER}\na1,open,x,2026-11-26T09:00:00Z,"never closed\n`, "d.csv")).toThrow(
    "d.csv line 2: a quoted field never closes",
  );
});

test("what formatDispositions writes, parseDispositions reads back", () => {
  const list = [
    { anomaly_id: "w|2026-10|1|2", status: "exempt" as const, by: " a ", at: "2026-11-26T06:00:00.000Z", note: ' lead, "space"\nnext' },
    { anomaly_id: "p", status: "resolved" as const, by: "b", at: "2026-11-27T06:00:00.000Z", note: null },
  ];
  const back = parseDispositions(formatDispositions(list), "d.csv").map(({ line: _line, ...d }) => d);
  expect(back).toEqual(list.map((d) => ({ ...d, by: d.by.trim() })));
});
