// Worker-thread bootstrap, in plain JavaScript so Node can load it without help: tsx's scoped import
// loads the TypeScript module the thread was started for (`workerData.module`: scan-worker.ts or
// read-worker.ts) whether or not the thread has module hooks of its own (as in generate/shard-thread.mjs).
import { workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

await tsImport(workerData.module, import.meta.url);
