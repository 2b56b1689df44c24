// Keeps an open form's unsaved edits on the phone (services/form-drafts) while they differ from
// what was loaded: written shortly after the last change, and at once when the screen goes away,
// reloads or the app goes to the background (where the phone may close it); removed as soon as
// the form matches the saved state again (saved, or changed back).
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { clearDraft, saveDraft } from '../services/form-drafts';

/** Typing is not written on every key: this long after the last change. */
export const DRAFT_DELAY_MS = 500;

export interface FormDraftKeeper {
  /** Writes a waiting change now (before a reload replaces the form). */
  flush(): void;
  /** Forgets the draft for the current key and any waiting change (after a save, discard or delete). */
  clear(): void;
}

interface Pending {
  key: string;
  data: unknown;
  version: number | null;
  timer: ReturnType<typeof setTimeout>;
}

/** JSON with object keys in order, so the same data built in another order compares equal. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) =>
    field && typeof field === 'object' && !Array.isArray(field)
      ? Object.fromEntries(Object.entries(field as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : field,
  );
}

/** True when two storable form states hold the same data. */
export function sameFormState(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * `current` and `saved` are the form's storable state now and as loaded, null while nothing is
 * loaded; `key` names what is edited (null while unknown); `version` is what the edits are based on.
 * Both states must be plain data: they are compared and stored as JSON.
 */
export function useFormDraft(key: string | null, current: unknown, saved: unknown, version: number | null): FormDraftKeeper {
  const pending = useRef<Pending | null>(null);
  const keyNow = useRef(key);
  useEffect(() => {
    keyNow.current = key;
  }, [key]);

  const flush = useCallback(() => {
    const waiting = pending.current;
    if (!waiting) return;
    clearTimeout(waiting.timer);
    pending.current = null;
    saveDraft(waiting.key, waiting.data, waiting.version);
  }, []);

  const clear = useCallback(() => {
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = null;
    if (keyNow.current) clearDraft(keyNow.current);
  }, []);

  const currentText = current === null || current === undefined ? null : canonicalJson(current);
  const savedText = saved === null || saved === undefined ? null : canonicalJson(saved);

  useEffect(() => {
    if (key === null || currentText === null || savedText === null) return;
    // A change waiting for another key (another product) is written, not dropped; one for this
    // key is replaced by the newer state.
    if (pending.current?.key !== key) flush();
    else {
      clearTimeout(pending.current.timer);
      pending.current = null;
    }
    if (currentText === savedText) {
      clearDraft(key);
      return;
    }
    pending.current = { key, data: JSON.parse(currentText) as unknown, version, timer: setTimeout(flush, DRAFT_DELAY_MS) };
  }, [key, currentText, savedText, version, flush]);

  // Leaving the page (back, or the page closed) writes what is waiting.
  useEffect(() => flush, [flush]);

  // So does the app going to the background: timers stop there, and the phone may close it.
  useEffect(() => {
    const onHide = () => flush();
    Taro.onAppHide(onHide);
    return () => Taro.offAppHide(onHide);
  }, [flush]);

  return { flush, clear };
}

/**
 * A draft brought back from the phone over the saved state: `version` is what it began from;
 * `stale` while the saved state changed elsewhere since and the seller has not chosen to go on
 * with it: saves then send the draft's version, so the server answers VERSION_CONFLICT rather
 * than quietly losing the other change.
 */
export interface RestoredDraft {
  version: number | null;
  stale: boolean;
}

export interface RestoredDraftOffer {
  restored: RestoredDraft | null;
  /** A draft begun from `draftVersion` is shown over the saved state at `savedVersion`. */
  offer(draftVersion: number | null, savedVersion: number | null): void;
  /** Go on with the draft over the newer saved state. */
  keep(): void;
  /** The draft was saved, discarded or not restored. */
  forget(): void;
}

export function useRestoredDraft(): RestoredDraftOffer {
  const [restored, setRestored] = useState<RestoredDraft | null>(null);
  const offer = useCallback((draftVersion: number | null, savedVersion: number | null) => {
    setRestored({ version: draftVersion, stale: draftVersion !== null && savedVersion !== null && draftVersion !== savedVersion });
  }, []);
  const keep = useCallback(() => setRestored((shown) => (shown ? { ...shown, stale: false } : shown)), []);
  const forget = useCallback(() => setRestored(null), []);
  return { restored, offer, keep, forget };
}
