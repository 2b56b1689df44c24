// Work that follows a request but must not hold up its answer: a WeChat message after an order
// changed (a slow WeChat would otherwise keep a buyer in the group-chat rush waiting). Started at
// once, its failure logged, and waited for on shutdown (and by tests) so nothing is cut off.
import type { Logger } from './logger';

export interface Background {
  run(name: string, work: () => Promise<unknown>): void;
  /** Resolves once everything started so far has finished. */
  drain(): Promise<void>;
}

export function createBackground(logger: Logger): Background {
  const running = new Set<Promise<unknown>>();
  return {
    run(name, work) {
      const task: Promise<unknown> = work()
        .catch((err: unknown) => logger.error({ err, task: name }, 'background work failed'))
        .finally(() => running.delete(task));
      running.add(task);
    },
    async drain() {
      while (running.size) await Promise.allSettled([...running]);
    },
  };
}
