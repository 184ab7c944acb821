import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // DuckDB uses both cores; running files side by side only thrashes on this 2-core machine.
    fileParallelism: false,
    reporters: ["default", "./tests/summary-reporter.ts"],
  },
});
