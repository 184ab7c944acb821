// The peak memory of a measured task, counting what its process holds and what it keeps in files in
// memory: the ingest puts its working copies in /dev/shm when there is room (work-dir.ts), and those
// pages are memory the machine gives up as surely as the heap is, though no process's RSS shows them.
import { statfsSync } from "node:fs";

const IN_MEMORY = "/dev/shm";
const MiB = 2 ** 20;

function inMemoryFilesBytes(): number {
  try {
    const fs = statfsSync(IN_MEMORY);
    return (fs.blocks - fs.bfree) * fs.bsize;
  } catch {
    return 0;
  }
}

export interface MemoryPeak {
  /** The largest sum of the process's resident memory and the files it added in memory, sampled. */
  peakMiB: number;
  /** The process's own peak resident memory (the kernel's count, not sampled). */
  peakRssMiB: number;
  /** The most the task's files in memory held at once, sampled. */
  peakInMemoryFilesMiB: number;
}

/** Starts sampling every `everyMs`; `stop()` gives the peaks. Files in memory before the start are not counted. */
export function trackMemoryPeak(everyMs = 50): { stop(): MemoryPeak } {
  const before = inMemoryFilesBytes();
  let peak = 0;
  let peakFiles = 0;
  const sample = (): void => {
    const files = Math.max(0, inMemoryFilesBytes() - before);
    peakFiles = Math.max(peakFiles, files);
    peak = Math.max(peak, process.memoryUsage.rss() + files);
  };
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    stop(): MemoryPeak {
      clearInterval(timer);
      sample();
      const peakRssMiB = process.resourceUsage().maxRSS / 1024;
      return { peakMiB: Math.max(peak / MiB, peakRssMiB), peakRssMiB, peakInMemoryFilesMiB: peakFiles / MiB };
    },
  };
}
