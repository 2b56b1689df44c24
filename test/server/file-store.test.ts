// FileStore.read: a stored file's bytes in one call, and null (not a stream error) when there is none.
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

it('reads back what was put, and null for an id with no file or not shaped like one', async () => {
  const { files } = h.boot.services;
  const bytes = Buffer.from('a file the store keeps by its hash');
  const stored = await files.put(bytes, 'text/plain');
  expect(await files.read(stored.id)).toEqual(bytes);
  expect(await files.read('0'.repeat(64))).toBeNull();
  expect(await files.read('not-a-file-id')).toBeNull();
});
