// The benches' reading of a build's times: each moment of the build's wall clock shared among the models
// building in it, checked on worked spans and on a real build of two models side by side.
import { expect, test } from "vitest";
import { secondsOf, spansOf, wallSecondsOf } from "../bench/build-times.ts";
import { sandbox } from "./engine-support.ts";

test("a moment in which two models build is half each one's; a model alone has its whole time", () => {
  const spans = [
    { model: "a", startedMs: 0, durationMs: 10_000 },
    { model: "b", startedMs: 5_000, durationMs: 10_000 },
    { model: "c", startedMs: 20_000, durationMs: 10_000 },
  ];
  expect(wallSecondsOf(spans, (m) => m === "a")).toBe(7.5);
  expect(wallSecondsOf(spans, (m) => m === "b")).toBe(7.5);
  expect(wallSecondsOf(spans, (m) => m === "c")).toBe(10);
  // all of them: the 25 s in which something was building, not the 30 s of their times summed
  expect(wallSecondsOf(spans, () => true)).toBe(25);
  expect(wallSecondsOf(spans, (m) => m !== "c")).toBe(15);
});

test("a real build's shares add up to the time its models were building, never more than their times summed", async () => {
  const s = await sandbox();
  try {
    const summary = await s.build({ concurrency: 2 });
    const built = summary.models.filter((m) => m.status === "built");
    expect(built.length).toBeGreaterThan(1);
    const spans = spansOf(summary);
    expect(spans.map((x) => x.model).sort()).toEqual(built.map((m) => m.model).sort());
    const first = Math.min(...spans.map((x) => x.startedMs));
    const last = Math.max(...spans.map((x) => x.startedMs + x.durationMs));
    const all = wallSecondsOf(spans, () => true);
    // the time something was building, the spans merged plainly
    let union = 0;
    let reach = -Infinity;
    for (const x of [...spans].sort((p, q) => p.startedMs - q.startedMs)) {
      const end = x.startedMs + x.durationMs;
      union += Math.max(0, end - Math.max(x.startedMs, reach));
      reach = Math.max(reach, end);
    }
    expect(all).toBeCloseTo(union / 1000, 9);
    expect(all).toBeLessThanOrEqual((last - first) / 1000 + 1e-9);
    expect(all).toBeLessThanOrEqual(secondsOf(summary, () => true) + 1e-9);
    for (const m of built) expect(wallSecondsOf(spans, (id) => id === m.model)).toBeLessThanOrEqual(m.durationMs / 1000 + 1e-9);
  } finally {
    s.close();
  }
});
