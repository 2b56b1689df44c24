// A product's poster (photo, price, unit price, shop and a mini-program code): inside WeChat it is
// saved to the album (asking again plainly when permission was refused); in the browser it is
// shown for a long-press save.
import { useCallback, useEffect, useState } from 'react';
import { Button, Image, View } from '@tarojs/components';
import { LoadFailed } from '../../../../components/LoadState';
import { messageOf } from '../../../../hooks/usePagedList';
import { t } from '../../../../i18n';
import type { AlbumSaveResult } from '../../../../services/platform';
import type { Seller } from '../../../../services/seller';
import './index.scss';

export interface PosterScreenProps {
  productId: string;
  seller: Pick<Seller, 'downloadPoster'>;
  canSaveToAlbum: boolean;
  saveToAlbum: (path: string) => Promise<AlbumSaveResult>;
  openSettings: () => void;
  preview: (urls: string[], current: string) => void;
}

type Outcome = { kind: 'saved' } | { kind: 'denied' } | { kind: 'failed' } | null;

export function PosterScreen({ productId, seller, canSaveToAlbum, saveToAlbum, openSettings, preview }: PosterScreenProps) {
  const [path, setPath] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [saving, setSaving] = useState(false);

  const load = useCallback(() => {
    setError(null);
    setPath(null);
    seller.downloadPoster(productId).then(setPath, (failure: unknown) => setError(messageOf(failure)));
  }, [seller, productId]);

  useEffect(() => load(), [load]);

  async function save() {
    if (!path || saving) return;
    setSaving(true);
    setOutcome(null);
    const result = await saveToAlbum(path);
    setOutcome({ kind: result });
    setSaving(false);
  }

  if (error) return <View className='screen'><LoadFailed message={error} onRetry={load} /></View>;
  if (!path) {
    return (
      <View className='screen'>
        <View className='load-state hint'>{t('poster.making')}</View>
      </View>
    );
  }

  return (
    <View className='screen poster with-bottom-bar'>
      <Image className='poster__image' src={path} mode='widthFix' showMenuByLongpress onClick={() => preview([path], path)} />
      {!canSaveToAlbum && <View className='message notice' role='status'>{t('poster.longPress')}</View>}
      {outcome?.kind === 'saved' && <View className='message ok' role='status'>{t('poster.saved')}</View>}
      {outcome?.kind === 'failed' && <View className='message error' role='alert'>{t('poster.saveFailed')}</View>}
      {outcome?.kind === 'denied' && (
        <View className='message error' role='alert'>
          {t('poster.denied')}
          <Button className='small-button poster__settings' onClick={openSettings}>{t('poster.openSettings')}</Button>
        </View>
      )}
      {canSaveToAlbum && (
        <View className='bottom-bar'>
          <View className='bottom-bar__main'>
            <Button className='big-button' disabled={saving ? true : undefined} onClick={() => void save()}>{t('poster.save')}</Button>
          </View>
        </View>
      )}
    </View>
  );
}
