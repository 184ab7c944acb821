// The scanning thread (scanner.ts): one ScanEngine, its methods called by message and answered in turn.
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { ScanEngine } from "./scan-engine.ts";

const { emptyTables, keyBudgetBytes, helper } = workerData as {
  emptyTables: string[];
  keyBudgetBytes: number;
  helper: MessagePort | null;
};
const engine = new ScanEngine(emptyTables, keyBudgetBytes, helper);
type Method = "scan" | "prove" | "record" | "forget";

parentPort!.on("message", async ({ seq, method, args }: { seq: number; method: Method; args: unknown[] }) => {
  try {
    const result = await (engine[method] as (...a: unknown[]) => unknown).apply(engine, args);
    parentPort!.postMessage({ seq, result });
  } catch (error) {
    parentPort!.postMessage({ seq, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
