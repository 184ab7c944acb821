// The lineage graph of the model catalogue: one column per layer (raw → staging → core → marts),
// an edge for every dependency; the chosen model and its edges stand out. Plain SVG, drawn left to
// right in both languages like the charts.
import type { Catalog, CatalogNode } from "../../pipelines/engine/catalog.ts";

const LAYERS = ["raw", "staging", "core", "marts"];
const NS = "http://www.w3.org/2000/svg";
const W = 230;
const GAP = 70;
const ROW = 26;

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  ...children: (SVGElement | string)[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}

export function lineageGraph(catalog: Catalog, selected: string | null, onSelect: (id: string) => void): SVGSVGElement {
  const layers = [...LAYERS, ...new Set(catalog.nodes.map((n) => n.layer).filter((l) => !LAYERS.includes(l)))];
  const columns = layers.map((l) => catalog.nodes.filter((n) => n.layer === l).sort((a, b) => a.id.localeCompare(b.id)));
  const place = new Map<string, { x: number; y: number }>();
  for (const [c, nodes] of columns.entries()) {
    for (const [r, n] of nodes.entries()) place.set(n.id, { x: 10 + c * (W + GAP), y: 30 + r * ROW });
  }
  const height = 40 + Math.max(...columns.map((c) => c.length)) * ROW;
  const width = 20 + layers.length * (W + GAP) - GAP;
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-label": "lineage" });
  for (const [c, l] of layers.entries()) root.append(svg("text", { x: 10 + c * (W + GAP), y: 16, "font-weight": "bold" }, l));
  const touching = (e: { from: string; to: string }) => selected !== null && (e.from === selected || e.to === selected);
  for (const e of catalog.edges) {
    const a = place.get(e.from);
    const b = place.get(e.to);
    if (!a || !b) continue;
    const x1 = a.x + W;
    const y1 = a.y + 9;
    const x2 = b.x;
    const y2 = b.y + 9;
    root.append(
      svg("path", {
        class: `edge${touching(e) ? " touching" : ""}`,
        d: `M${x1},${y1} C${x1 + GAP / 2},${y1} ${x2 - GAP / 2},${y2} ${x2},${y2}`,
      }),
    );
  }
  for (const n of catalog.nodes) {
    const p = place.get(n.id);
    if (!p) continue;
    const g = svg(
      "g",
      {
        class: `node${n.id === selected ? " selected" : ""}`,
        transform: `translate(${p.x},${p.y})`,
        "data-node": n.id,
        tabindex: 0,
      },
      svg("rect", { width: W, height: 18, rx: 4 }),
      svg("text", { x: 6, y: 13 }, n.name),
      svg("title", {}, n.description),
    );
    g.addEventListener("click", () => onSelect(n.id));
    g.style.cursor = "pointer";
    root.append(g);
  }
  return root;
}

export const nodeById = (catalog: Catalog, id: string | null): CatalogNode | undefined => catalog.nodes.find((n) => n.id === id);
