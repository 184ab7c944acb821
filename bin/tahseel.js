#!/usr/bin/env node
// `tahseel`, in this one process: the CLI compiled at install (bin/compile.js) while it matches the
// source, else the TypeScript itself through tsx's loader, registered here rather than in a second process.
// With no process in between, a Ctrl-C reaches the command once, and it starts without a second Node.
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { freshBundle } from "./bundle.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bundle = process.env.TAHSEEL_NO_BUNDLE ? undefined : freshBundle(root);
if (bundle) {
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(join(root, "pipelines", "cli", "main.ts")).href);
}
