// One action at a time on a form (save, publish, pause…): while it runs the buttons rest (big
// thumbs tap twice on slow networks); when it fails, the plain-words message, field errors by
// their path, and whether a reload is what is needed; when it works, a short notice.
import { useCallback, useState } from 'react';
import { messageOf } from './usePagedList';
import { ApiError } from '../services/http';
import { fieldErrorsFrom, type FieldErrors } from '../components/Field/errors';

export interface ActionFailure {
  message: string;
  /** Someone else saved first (VERSION_CONFLICT): the way on is to reload. */
  conflict: boolean;
  /** The failure itself, for screens that show more of it (e.g. the content check's reason). */
  error: unknown;
}

export interface FormActions {
  busy: boolean;
  failure: ActionFailure | null;
  notice: string | null;
  run(action: () => Promise<void>): Promise<void>;
  /** A failure found before anything was sent (the phone's own checks). */
  fail(message: string): void;
  say(notice: string): void;
  dismiss(): void;
  /** Forget the last outcome (a reload starts afresh); stable across renders. */
  clear(): void;
}

/**
 * `conflictMessage` names what changed ("this product…", "your shop…"); the code's own message
 * is the general one.
 */
export function useFormActions(showFieldErrors: (errors: FieldErrors) => void, conflictMessage?: string): FormActions {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const clear = useCallback(() => {
    setFailure(null);
    setNotice(null);
  }, []);

  async function run(action: () => Promise<void>) {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    setNotice(null);
    try {
      await action();
    } catch (error) {
      const fields = fieldErrorsFrom(error);
      if (fields) showFieldErrors(fields);
      const conflict = error instanceof ApiError && error.code === 'VERSION_CONFLICT';
      setFailure({ message: conflict && conflictMessage ? conflictMessage : messageOf(error), conflict, error });
    } finally {
      setBusy(false);
    }
  }

  return {
    busy,
    failure,
    notice,
    run,
    fail: (message) => {
      setNotice(null);
      setFailure({ message, conflict: false, error: null });
    },
    say: setNotice,
    // A conflict stays until the reload: it is the one thing that must not be tapped away unread.
    dismiss: () => {
      setNotice(null);
      setFailure((shown) => (shown?.conflict ? shown : null));
    },
    clear,
  };
}
