// Wall and CPU time since a start, for debug logs: on a shared machine the CPU time (every thread of
// the process, DuckDB's included) says what a step costs when the wall time says mostly who else ran.
export function stopwatch(): (step: string) => string {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return (step) => {
    const used = process.cpuUsage(cpu);
    return `${step} ${Math.round(performance.now() - wall)} ms cpu ${Math.round((used.user + used.system) / 1000)} ms`;
  };
}
