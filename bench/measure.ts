// Timing for the benchmark scripts: wall-clock seconds of some work, and of many operations run
// with a fixed number in flight.

export async function timed(fn: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Runs `ops` operations with `concurrency` in flight; returns the seconds taken. */
export async function parallel(ops: number, concurrency: number, op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  return timed(async () => {
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < ops) await op(next++);
    }));
  });
}
