// Photos being added to a product or a shop: each picked file is uploaded in turn (one per
// request, so a weak network carries one at a time), shows its progress, and on failure keeps its
// place with a retry. Photos can be moved left or right and removed; the first is the cover.
import { useCallback, useRef, useState } from 'react';
import type { PhotoView } from '../../../../../contract/photos';
import { messageOf } from '../../../hooks/usePagedList';
import type { UploadPhoto } from '../../../services/upload';

export type SlotState = 'waiting' | 'uploading' | 'failed' | 'done';

export interface PhotoSlot {
  key: string;
  /** The picked file, shown until the upload is done. */
  localPath: string | null;
  photo: PhotoView | null;
  state: SlotState;
  progress: number;
  error: string | null;
}

export interface PhotoSlots {
  slots: PhotoSlot[];
  add(paths: string[]): void;
  retry(key: string): void;
  remove(key: string): void;
  move(key: string, by: -1 | 1): void;
  reset(photos: PhotoView[]): void;
  uploading: boolean;
  failed: boolean;
  /** The uploaded photos' ids, in order. */
  photoIds: string[];
}

let counter = 0;
const nextKey = () => `slot-${++counter}`;

const doneSlot = (photo: PhotoView): PhotoSlot => ({ key: nextKey(), localPath: null, photo, state: 'done', progress: 100, error: null });

export function usePhotoSlots(upload: UploadPhoto, initial: PhotoView[] = []): PhotoSlots {
  const [slots, setSlots] = useState<PhotoSlot[]>(() => initial.map(doneSlot));
  // Uploads run one after another; each waits for the one before.
  const queue = useRef<Promise<void>>(Promise.resolve());

  const update = useCallback((key: string, change: Partial<PhotoSlot>) => {
    setSlots((shown) => shown.map((slot) => (slot.key === key ? { ...slot, ...change } : slot)));
  }, []);

  const enqueue = useCallback(
    (key: string, path: string) => {
      queue.current = queue.current.then(async () => {
        update(key, { state: 'uploading', progress: 0, error: null });
        try {
          const photo = await upload(path, (percent) => update(key, { progress: Math.max(0, Math.min(100, Math.round(percent))) }));
          update(key, { state: 'done', photo, progress: 100, localPath: null });
        } catch (failure) {
          update(key, { state: 'failed', error: messageOf(failure) });
        }
      });
    },
    [upload, update],
  );

  const add = useCallback(
    (paths: string[]) => {
      const added = paths.map((path) => ({ key: nextKey(), localPath: path, photo: null, state: 'waiting' as const, progress: 0, error: null }));
      setSlots((shown) => [...shown, ...added]);
      for (const slot of added) enqueue(slot.key, slot.localPath);
    },
    [enqueue],
  );

  const retry = useCallback(
    (key: string) => {
      const slot = slots.find((s) => s.key === key);
      if (!slot || slot.state !== 'failed' || !slot.localPath) return;
      update(key, { state: 'waiting', error: null, progress: 0 });
      enqueue(key, slot.localPath);
    },
    [slots, enqueue, update],
  );

  const remove = useCallback((key: string) => setSlots((shown) => shown.filter((slot) => slot.key !== key)), []);

  const move = useCallback((key: string, by: -1 | 1) => {
    setSlots((shown) => {
      const from = shown.findIndex((slot) => slot.key === key);
      const to = from + by;
      if (from < 0 || to < 0 || to >= shown.length) return shown;
      const next = [...shown];
      [next[from], next[to]] = [next[to], next[from]];
      return next;
    });
  }, []);

  const reset = useCallback((photos: PhotoView[]) => setSlots(photos.map(doneSlot)), []);

  return {
    slots,
    add,
    retry,
    remove,
    move,
    reset,
    uploading: slots.some((slot) => slot.state === 'waiting' || slot.state === 'uploading'),
    failed: slots.some((slot) => slot.state === 'failed'),
    photoIds: slots.flatMap((slot) => (slot.state === 'done' && slot.photo ? [slot.photo.id] : [])),
  };
}
