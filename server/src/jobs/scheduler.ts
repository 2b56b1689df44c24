// Runs timed jobs every `everyMs`, one run of a job at a time per instance, logging failures
// instead of crashing. Jobs themselves must be safe when several instances run them together.
import type { Logger } from '../logger';

export interface Job {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

export interface Scheduler {
  stop(): Promise<void>;
}

export function startScheduler(jobs: Job[], logger: Logger): Scheduler {
  const running = new Map<string, Promise<unknown>>();
  const timers = jobs.map((job) => {
    const tick = () => {
      if (running.has(job.name)) return;
      const run = job
        .run()
        .then((result) => logger.debug({ job: job.name, result }, 'job done'))
        .catch((err) => logger.error({ err, job: job.name }, 'job failed'))
        .finally(() => running.delete(job.name));
      running.set(job.name, run);
    };
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    return timer;
  });
  return {
    async stop() {
      timers.forEach(clearInterval);
      await Promise.all(running.values());
    },
  };
}
