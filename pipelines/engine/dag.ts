// Runs work over a dependency graph with a fixed number of slots (one DuckDB connection each):
// a node starts once everything it needs has succeeded; a failure blocks everything after it; a stop
// request lets running nodes finish and starts nothing new.
export type NodeStatus = "ok" | "failed" | "blocked" | "cancelled";

export interface DagOptions {
  /** Nodes in dependency order. */
  nodes: readonly string[];
  /** What a node needs; ids outside `nodes` count as already done. */
  needs: (id: string) => readonly string[];
  slots: number;
  work: (id: string, slot: number) => Promise<boolean>;
  stopRequested?: () => boolean;
}

export async function runDag(options: DagOptions): Promise<Map<string, NodeStatus>> {
  const inGraph = new Set(options.nodes);
  const status = new Map<string, NodeStatus>();
  const waiting = [...options.nodes];
  const freeSlots = Array.from({ length: Math.max(1, options.slots) }, (_, i) => i);
  const running = new Map<string, Promise<void>>();

  const settle = () => {
    // Blocking is transitive: nodes are in dependency order, so one pass suffices.
    for (const id of [...waiting]) {
      const needs = options.needs(id).filter((n) => inGraph.has(n));
      if (needs.some((n) => status.get(n) === "failed" || status.get(n) === "blocked")) {
        status.set(id, "blocked");
        waiting.splice(waiting.indexOf(id), 1);
      }
    }
  };
  const ready = () => waiting.filter((id) => options.needs(id).every((n) => !inGraph.has(n) || status.get(n) === "ok"));

  for (;;) {
    settle();
    if (!options.stopRequested?.()) {
      for (const id of ready()) {
        const slot = freeSlots.shift();
        if (slot === undefined) break;
        waiting.splice(waiting.indexOf(id), 1);
        running.set(
          id,
          options
            .work(id, slot)
            .then(
              (ok) => void status.set(id, ok ? "ok" : "failed"),
              () => void status.set(id, "failed"),
            )
            .finally(() => {
              running.delete(id);
              freeSlots.push(slot);
            }),
        );
      }
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  for (const id of waiting) status.set(id, "cancelled");
  return status;
}
