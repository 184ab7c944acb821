// Errors say where and what. Only the CLI turns them into exit codes.

export interface SourceLocation {
  file: string;
  line?: number;
  column?: string | number;
}

export function formatLocation(at: SourceLocation): string {
  let s = at.file;
  if (at.line !== undefined) s += ` line ${at.line}`;
  if (at.column !== undefined) s += typeof at.column === "number" ? `, column ${at.column}` : `, column ${at.column}`;
  return s;
}

/** A problem the user can fix (bad input, bad config, bad arguments): exit code 2. */
export class UserError extends Error {
  readonly exitCode: number = 2;
  constructor(message: string, options?: { cause?: unknown; at?: SourceLocation }) {
    super(options?.at ? `${formatLocation(options.at)}: ${message}` : message, { cause: options?.cause });
    this.name = "UserError";
  }
}

/** The run could not go on for a reason outside the input (locked database, full disk): exit code 3. */
export class EnvironmentError extends Error {
  readonly exitCode: number = 3;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = "EnvironmentError";
  }
}

/** Why a delivered file (or manifest) could not be read, in a user's words. */
export function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "EISDIR" ? "is a folder, not a file" : `cannot be read (${code ?? String(error)})`;
}

/** The message of an error and of every cause behind it, one per line; a cause the line before already quotes is not repeated. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let e: unknown = error;
  while (e) {
    const message = messageOf(e);
    if (!parts.length || !parts[parts.length - 1]!.includes(message)) parts.push(message);
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join("\n  caused by: ");
}

/** A validation error's message is its issues as JSON; a reader wants each field and what is wrong with it. */
function messageOf(e: unknown): string {
  const issues = (e as { issues?: unknown }).issues;
  if (e instanceof Error && e.name === "ZodError" && Array.isArray(issues))
    return issues
      .map((i: { path?: PropertyKey[]; message?: string }) => `${(i.path ?? []).map(String).join(".") || "(whole value)"}: ${i.message}`)
      .join("; ");
  return e instanceof Error ? e.message : String(e);
}
