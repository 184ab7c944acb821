// Worker-thread bootstrap, in plain JavaScript so Node can load it without help. On Node 20 a worker
// thread does not inherit the parent's module hooks and tsx registers itself on the main thread only,
// so a worker told to load shard-worker.ts failed with ERR_UNKNOWN_FILE_EXTENSION and every shard ran
// one after another on the main thread. tsx's scoped import loads the shard here whether or not the
// thread has hooks of its own (newer Node versions share them with workers).
import { tsImport } from "tsx/esm/api";

await tsImport("./shard-worker.ts", import.meta.url);
