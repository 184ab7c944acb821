// A reason to reject a whole file, found anywhere in its load: none of its rows is loaded, and loadFile
// (load-file.ts) records the reason in its audit row.
export class Rejection extends Error {}
