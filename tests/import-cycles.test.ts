// No import cycle in the code, type-only imports included: modules in a cycle load in an order that can
// leave a value undefined, and a cycle means two files that cannot be understood one without the other.
// Biome's noImportCycles says the same while linting; this test keeps it true for `vitest run` alone and
// names the whole cycle.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { expect, test } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");
const FOLDERS = ["pipelines", "dashboards", "bench", "bin", "scripts", "tests"];
const SOURCE = /\.(ts|mts|js|mjs)$/;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name === "node_modules" || name.startsWith(".") ? [] : sourceFiles(path);
    return SOURCE.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** The file a relative specifier names: as written, or the TypeScript file behind a `.js` one. */
function resolveSpecifier(from: string, specifier: string, files: ReadonlySet<string>): string | null {
  const path = resolve(dirname(from), specifier);
  const candidates = [path, path.replace(/\.js$/, ".ts"), path.replace(/\.mjs$/, ".mts"), `${path}.ts`, join(path, "index.ts")];
  return candidates.find((c) => files.has(c)) ?? null;
}

/** Every file's relative imports (`import type`, re-exports and dynamic `import()` included), as an adjacency list. */
function importGraph(folders: string[]): Map<string, string[]> {
  const files = new Set(folders.flatMap((f) => sourceFiles(join(ROOT, f))));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    const targets = importedFiles
      .filter((i) => i.fileName.startsWith("."))
      .map((i) => resolveSpecifier(file, i.fileName, files))
      .filter((t): t is string => t !== null);
    graph.set(relative(ROOT, file), [...new Set(targets.map((t) => relative(ROOT, t)))]);
  }
  return graph;
}

/** The cycles of a graph: its strongly connected components (Tarjan) of more than one node, or a node importing itself. */
function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.includes(node)) cycles.push(cycleThrough(graph, new Set(component), node));
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

/** One cycle through `start` inside its component, as the path of imports that closes it (shortest first). */
function cycleThrough(graph: ReadonlyMap<string, readonly string[]>, component: ReadonlySet<string>, start: string): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const next of graph.get(queue[i]!) ?? []) {
      if (!component.has(next) || cameFrom.has(next)) continue;
      cameFrom.set(next, queue[i]!);
      if (next === start) break;
      queue.push(next);
    }
    if (cameFrom.has(start)) break;
  }
  const path: string[] = [];
  for (let at = cameFrom.get(start)!; at !== start; at = cameFrom.get(at)!) path.unshift(at);
  return [start, ...path];
}

test("the detector finds a cycle, a self-import, and nothing in a graph without one", () => {
  const cyclic = new Map([
    ["a.ts", ["b.ts"]],
    ["b.ts", ["c.ts", "d.ts"]],
    ["c.ts", ["a.ts"]],
    ["d.ts", []],
    ["e.ts", ["e.ts"]],
  ]);
  expect(importCycles(cyclic)).toEqual([["a.ts", "b.ts", "c.ts"], ["e.ts"]]);
  expect(importCycles(new Map([...cyclic, ["c.ts", ["d.ts"]], ["e.ts", []]]))).toEqual([]);
});

test("the graph holds type-only imports, re-exports and dynamic imports", () => {
  const graph = importGraph(FOLDERS);
  expect(graph.get("dashboards/components/codes.ts")).toContain("dashboards/components/lang.ts");
  expect(graph.get("dashboards/components/i18n.ts")).toContain("dashboards/components/codes.ts");
  expect(graph.get("pipelines/ingest/index.ts")).toContain("pipelines/ingest/load-file.ts");
  expect(graph.get("tests/contracts.test.ts")).toContain("pipelines/contracts/reference.ts");
});

test("no import cycle in pipelines/, dashboards/, bench/, bin/, scripts/ or tests/", () => {
  const cycles = importCycles(importGraph(FOLDERS));
  expect(cycles.map((c) => `${c.join(" -> ")} -> ${c[0]}`)).toEqual([]);
});
