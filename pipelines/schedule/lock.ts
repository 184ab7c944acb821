// An exclusive lock as a file holding the holder's pid and start time, created with O_EXCL so two
// processes can never both take it. A lock left by a process that died (kill -9, power loss) is
// recognised by its pid no longer running, and taken over.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";
import type { Logger } from "../lib/context.ts";
import { EnvironmentError } from "../lib/errors.ts";

export interface LockHolder {
  pid: number;
  started_at: string;
  purpose: string;
  host: string;
}

export interface Lock {
  path: string;
  holder: LockHolder;
  release(): void;
}

/** Refused because another live process (or this one) holds the lock. Not retried. */
export class LockHeldError extends EnvironmentError {
  constructor(
    readonly path: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(
      holder
        ? `${path} is held by pid ${holder.pid}${holder.pid === process.pid ? " (this process)" : ""} on ${holder.host} for ` +
            `"${holder.purpose}" since ${holder.started_at}; ` +
            `wait for it to finish${holder.pid === process.pid ? "" : ", or stop that process"}`
        : `${path} is held by another process; wait for it to finish`,
    );
    this.name = "LockHeldError";
  }
}

/** True while a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface LockOptions {
  purpose: string;
  now: () => Date;
  logger: Logger;
  isAlive?: (pid: number) => boolean;
  pid?: number;
}

export function acquireLock(path: string, options: LockOptions): Lock {
  const isAlive = options.isAlive ?? pidAlive;
  const holder: LockHolder = {
    pid: options.pid ?? process.pid,
    started_at: options.now().toISOString(),
    purpose: options.purpose,
    host: hostname(),
  };
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      try {
        writeSync(fd, JSON.stringify(holder));
      } finally {
        closeSync(fd);
      }
      return { path, holder, release: () => releaseIfOurs(path, holder) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST")
        throw new EnvironmentError(`cannot create lock file ${path}`, { cause: error });
    }
    const current = readHolder(path);
    if (current && (current.host !== hostname() || isAlive(current.pid))) throw new LockHeldError(path, current);
    options.logger.warn(
      current
        ? `recovering stale lock ${path}: pid ${current.pid} (${current.purpose}, since ${current.started_at}) is no longer running`
        : `recovering unreadable lock ${path}`,
    );
    try {
      unlinkSync(path);
    } catch {
      // Another process recovered it first; the next attempt finds out who holds it now.
    }
  }
  throw new LockHeldError(path, readHolder(path));
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<LockHolder>;
    return typeof parsed.pid === "number" ? (parsed as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

function releaseIfOurs(path: string, holder: LockHolder): void {
  const current = readHolder(path);
  if (current && current.pid === holder.pid && current.started_at === holder.started_at) unlinkSync(path);
}
