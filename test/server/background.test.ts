// Follow-up work off the request's path: it runs, a failure is logged rather than thrown, and
// drain() waits for everything started, including work started while draining.
import { createBackground } from '../../server/src/background';
import { createLogger } from '../../server/src/logger';

it('runs work without the caller waiting, logs a failure, and drains everything started', async () => {
  const logger = createLogger('silent');
  const errors: unknown[] = [];
  jest.spyOn(logger, 'error').mockImplementation(((obj: unknown) => { errors.push(obj); }) as typeof logger.error);
  const background = createBackground(logger);
  const done: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => { release = resolve; });

  background.run('slow', async () => {
    await gate;
    done.push('slow');
    background.run('follow-up', async () => { done.push('follow-up'); });
  });
  background.run('broken', async () => { throw new Error('WeChat said no'); });
  expect(done).toEqual([]); // run() did not wait

  const drained = background.drain();
  release();
  await drained;
  expect(done).toEqual(['slow', 'follow-up']);
  expect(errors).toEqual([expect.objectContaining({ task: 'broken' })]);
});
