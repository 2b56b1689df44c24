// "We brought back what you had not saved": shown at the top of a form restored from the phone
// (services/form-drafts), with the way back to the saved state, and, when the saved thing changed
// elsewhere since, the choice to go on with this version anyway.
import { Button, Text, View } from '@tarojs/components';
import { t } from '../../../../i18n';
import './index.scss';

export interface DraftNoticeProps {
  /** The saved state changed elsewhere after this draft began. */
  stale: boolean;
  /** Throw the draft away and show the saved state (or an empty form). */
  onDiscard: () => void;
  /** Go on with the draft over the newer saved state (only when stale). */
  onKeep: () => void;
  /** Nothing saved yet: discarding starts again rather than going back to a saved state. */
  unsaved?: boolean;
}

export function DraftNotice({ stale, onDiscard, onKeep, unsaved = false }: DraftNoticeProps) {
  return (
    <View className='message notice draft-notice' role='status'>
      <Text className='draft-notice__title'>{t('draft.restored')}</Text>
      {stale && <Text className='draft-notice__stale'>{t('draft.stale')}</Text>}
      <View className='draft-notice__actions'>
        {stale && <Button className='small-button' onClick={onKeep}>{t('draft.keepMine')}</Button>}
        <Button className='small-button' onClick={onDiscard}>{t(unsaved ? 'draft.discardNew' : 'draft.discard')}</Button>
      </View>
    </View>
  );
}
