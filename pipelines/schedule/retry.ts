// Retries with exponential backoff for a step that failed for a passing reason (a locked file, a full
// disk being cleared). Mistakes in the input or the models are not retried: they fail the same way.
import type { Logger } from "../lib/context.ts";
import { UserError } from "../lib/errors.ts";
import { LockHeldError } from "./lock.ts";
import type { RetryPolicy } from "./config.ts";

/** A step that ran and reported a failure retrying cannot fix (e.g. a blocking test failed). */
export class StepFailure extends Error {
  constructor(
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
    this.name = "StepFailure";
  }
}

export const retryable = (error: unknown) =>
  !(error instanceof UserError || error instanceof StepFailure || error instanceof LockHeldError);

export function backoffSeconds(policy: RetryPolicy, failedAttempts: number): number {
  return Math.min(policy.max_delay_seconds, policy.initial_delay_seconds * policy.factor ** (failedAttempts - 1));
}

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Attempted<T> {
  value?: T;
  error?: unknown;
  attempts: number;
}

export async function withRetries<T>(
  what: string,
  work: (attempt: number) => Promise<T>,
  options: {
    policy: RetryPolicy;
    sleep: Sleep;
    logger: Logger;
    stopRequested?: () => boolean;
    /** Which failures pass with time; by default all but the user's mistakes, a reported failure and a held lock. */
    retryIf?: (error: unknown) => boolean;
  },
): Promise<Attempted<T>> {
  const passing = options.retryIf ?? retryable;
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await work(attempt), attempts: attempt };
    } catch (error) {
      const last = attempt >= options.policy.attempts || !passing(error) || options.stopRequested?.();
      if (last) return { error, attempts: attempt };
      const seconds = backoffSeconds(options.policy, attempt);
      options.logger.warn(`${what} failed (attempt ${attempt} of ${options.policy.attempts}); retrying in ${seconds} s`, {
        error: error instanceof Error ? error.message : String(error),
      });
      await options.sleep(seconds * 1000);
    }
  }
}
