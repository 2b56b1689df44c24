// A list fetched page by page ("load more" and reaching the bottom), that never leaves the person
// staring at a spinner: every failure ends in a message and a way to try again.
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../i18n';
import { ApiError } from '../services/http';

export interface PageOf<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export type ListPhase = 'loading' | 'ready' | 'failed';

export interface PagedList<T, P extends PageOf<T>> {
  items: T[];
  /** The first page as the server sent it (for extras like per-tab counts). */
  first: P | null;
  phase: ListPhase;
  /** The first page failed (phase 'failed'), or a later page did (phase stays 'ready'). */
  error: string | null;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore(): void;
  reload(): void;
}

export function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : errorMessage('UNKNOWN');
}

/** `fetchPage` must be stable (useCallback) and change when what it lists changes (a filter). */
export function usePagedList<T, P extends PageOf<T> = PageOf<T>>(fetchPage: (page: number) => Promise<P>): PagedList<T, P> {
  const [items, setItems] = useState<T[]>([]);
  const [first, setFirst] = useState<P | null>(null);
  const [phase, setPhase] = useState<ListPhase>('loading');
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState(0);
  const [total, setTotal] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  // Answers to an older filter must not land in the list shown for a newer one.
  const generation = useRef(0);

  const reload = useCallback(() => {
    const mine = ++generation.current;
    setPhase('loading');
    setError(null);
    setLoadingMore(false);
    fetchPage(1).then(
      (result) => {
        if (mine !== generation.current) return;
        setItems(result.items);
        setFirst(result);
        setPage(1);
        setTotal(result.total);
        setPhase('ready');
      },
      (failure: unknown) => {
        if (mine !== generation.current) return;
        setError(messageOf(failure));
        setPhase('failed');
      },
    );
  }, [fetchPage]);

  useEffect(() => {
    reload();
  }, [reload]);

  const hasMore = phase === 'ready' && items.length < total;

  const loadMore = useCallback(() => {
    if (!hasMore || loadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    setError(null);
    fetchPage(page + 1).then(
      (result) => {
        if (mine !== generation.current) return;
        setItems((shown) => [...shown, ...result.items]);
        setPage(page + 1);
        setTotal(result.total);
        setLoadingMore(false);
      },
      (failure: unknown) => {
        if (mine !== generation.current) return;
        setError(messageOf(failure));
        setLoadingMore(false);
      },
    );
  }, [fetchPage, hasMore, loadingMore, page]);

  return { items, first, phase, error, hasMore, loadingMore, loadMore, reload };
}
