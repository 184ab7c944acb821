// Worker-thread bootstrap, in plain JavaScript so Node can load it without help. On Node 20 a worker
// thread does not inherit the parent's module hooks and tsx registers itself on the main thread only,
// so a worker told to load shard-worker.ts failed with ERR_UNKNOWN_FILE_EXTENSION and every shard ran
// one after another on the main thread. Where the worker cannot load TypeScript by itself, it
// registers tsx first (where hooks are shared with the workers, it loads the shard directly).
try {
  await import("./shard-worker.ts");
} catch (error) {
  if (error?.code !== "ERR_UNKNOWN_FILE_EXTENSION") throw error;
  const { register } = await import("tsx/esm/api");
  register();
  await import("./shard-worker.ts");
}
