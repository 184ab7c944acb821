// Worker-thread bootstrap, in plain JavaScript so Node can load it without help. On Node 20 a worker
// thread does not inherit the parent's module hooks and tsx registers itself on the main thread only,
// so a worker told to load shard-worker.ts failed with ERR_UNKNOWN_FILE_EXTENSION and every shard ran
// one after another on the main thread. The worker registers tsx for itself, then loads the shard.
import { register } from "tsx/esm/api";

register();
await import("./shard-worker.ts");
