// How the compiled CLI imports a module named only at run time (a TypeScript model under models/):
// natively, and a file Node cannot load by itself through tsx, which the bundle does not register up front
// (that would cost every command a loader thread; see bin/compile.js).
export async function importModule(specifier) {
  try {
    return await import(specifier);
  } catch (error) {
    if (error?.code !== "ERR_UNKNOWN_FILE_EXTENSION") throw error;
    const { tsImport } = await import("tsx/esm/api");
    return tsImport(specifier, import.meta.url);
  }
}
