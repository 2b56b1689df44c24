// A row of photo tiles: each with its upload progress or a retry, buttons to move it left or right
// (simpler and surer than dragging on a phone) and to remove it; an "add" tile while there is room.
import { Button, Image, Text, View } from '@tarojs/components';
import { t } from '../../../../i18n';
import { mediaUrl } from '../../../../services/platform';
import type { PhotoSlots } from '../../hooks/usePhotoSlots';
import './index.scss';

export interface PhotoStripProps {
  photos: PhotoSlots;
  max: number;
  onAdd: () => void;
  /** Show the cover mark and move buttons (product photos); a logo is one photo. */
  ordered?: boolean;
  addLabel: string;
}

export function PhotoStrip({ photos, max, onAdd, ordered = true, addLabel }: PhotoStripProps) {
  const { slots } = photos;
  return (
    <View className='photo-strip'>
      {slots.map((slot, index) => {
        const src = slot.photo ? mediaUrl(slot.photo.thumbUrl) : slot.localPath ?? '';
        return (
          <View key={slot.key} className={`photo-tile photo-tile--${slot.state}`} aria-label={t('photos.photoNumber', { n: index + 1 })}>
            <Image className='photo-tile__image' src={src} mode='aspectFill' />
            {ordered && index === 0 && <Text className='photo-tile__cover'>{t('photos.cover')}</Text>}
            {(slot.state === 'uploading' || slot.state === 'waiting') && (
              <View className='photo-tile__veil' role='progressbar' aria-valuenow={slot.progress}>
                <Text>{slot.state === 'waiting' ? t('photos.waiting') : `${slot.progress}%`}</Text>
              </View>
            )}
            {slot.state === 'failed' && (
              <View className='photo-tile__veil photo-tile__veil--failed'>
                <Button className='photo-tile__retry' onClick={() => photos.retry(slot.key)}>{t('photos.retry')}</Button>
              </View>
            )}
            <View className='photo-tile__actions'>
              {ordered && (
                <Button className='photo-tile__action' disabled={index === 0 ? true : undefined} aria-label={t('photos.moveLeft')} onClick={() => photos.move(slot.key, -1)}>‹</Button>
              )}
              <Button className='photo-tile__action' aria-label={t('photos.remove')} onClick={() => photos.remove(slot.key)}>×</Button>
              {ordered && (
                <Button className='photo-tile__action' disabled={index === slots.length - 1 ? true : undefined} aria-label={t('photos.moveRight')} onClick={() => photos.move(slot.key, 1)}>›</Button>
              )}
            </View>
          </View>
        );
      })}
      {slots.length < max && (
        <View className='photo-tile photo-tile--add' role='button' onClick={onAdd}>
          <Text className='photo-tile__plus'>+</Text>
          <Text className='photo-tile__add-label'>{addLabel}</Text>
        </View>
      )}
    </View>
  );
}
