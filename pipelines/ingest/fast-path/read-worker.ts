// The second reading thread (scanner.ts): it reads the files the scanning thread hands it over their own
// channel, while that thread reads others, and hands back what it read, keys and all.
import { workerData, type MessagePort } from "node:worker_threads";
import { keysTransfer, readJob, type ScanJob } from "./scan-engine.ts";

const { port } = workerData as { port: MessagePort };

port.on("message", async ({ seq, job }: { seq: number; job: ScanJob }) => {
  const read = await readJob(job);
  port.postMessage({ seq, read }, keysTransfer(read.keys));
});
