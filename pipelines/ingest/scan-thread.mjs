// Worker-thread bootstrap, in plain JavaScript so Node can load it without help: tsx's scoped import
// loads the TypeScript here whether or not the thread has module hooks of its own (as in
// generate/shard-thread.mjs).
import { tsImport } from "tsx/esm/api";

await tsImport("./scan-worker.ts", import.meta.url);
