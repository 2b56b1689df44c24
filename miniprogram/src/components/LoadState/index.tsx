// Loading and failure blocks every screen shares: plain words, and a big retry button on failure.
import type { ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { PagedList } from '../../hooks/usePagedList';
import { t } from '../../i18n';

export function Loading() {
  return (
    <View className='load-state'>
      <Text className='hint'>{t('common.loading')}</Text>
    </View>
  );
}

export function LoadFailed({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <View className='load-state'>
      <View className='message error' role='alert'>{message}</View>
      <Button className='big-button' onClick={onRetry}>{t('common.retry')}</Button>
    </View>
  );
}

/** A list's footer: more to load, loading, a failed page with retry, or nothing more. */
export function ListFooter({ hasMore, loadingMore, error, onMore, endText }: {
  hasMore: boolean;
  loadingMore: boolean;
  error: string | null;
  onMore: () => void;
  endText?: string;
}) {
  if (error) return <LoadFailed message={error} onRetry={onMore} />;
  if (loadingMore) return <Loading />;
  if (hasMore) {
    return (
      <Button className='big-button quiet' onClick={onMore}>{t('common.loadMore')}</Button>
    );
  }
  return endText ? <View className='hint list-end'>{endText}</View> : null;
}

/**
 * A paged list's body: loading, the first page failed (with retry), `empty` when nothing is
 * shown, else `children` (the items) and the footer. `shown` is how many items the screen shows.
 */
export function PagedListBody({ list, shown, empty, endText, children }: {
  list: Pick<PagedList<unknown, never>, 'phase' | 'error' | 'hasMore' | 'loadingMore' | 'loadMore' | 'reload'>;
  shown: number;
  empty: ReactNode;
  endText?: string;
  children: ReactNode;
}) {
  if (list.phase === 'loading') return <Loading />;
  if (list.phase === 'failed') return <LoadFailed message={list.error ?? ''} onRetry={list.reload} />;
  if (shown === 0) return <>{empty}</>;
  return (
    <>
      {children}
      <ListFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.error} onMore={list.loadMore} endText={endText} />
    </>
  );
}
