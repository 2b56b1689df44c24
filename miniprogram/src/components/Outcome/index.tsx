// What became of the last action (saved, published, refused…), floating just above the bottom
// bar where the thumb that tapped the button is; a tap puts it away. A version conflict offers
// the reload it needs.
import { Button, Text, View } from '@tarojs/components';
import { t } from '../../i18n';
import type { FormActions } from '../../hooks/useFormActions';
import './index.scss';

export interface OutcomeProps {
  actions: Pick<FormActions, 'failure' | 'notice' | 'dismiss'>;
  onReload: () => void;
  /** More about the failure, e.g. the content check's reason. */
  detail?: string | null;
}

export function Outcome({ actions, onReload, detail }: OutcomeProps) {
  const { failure, notice, dismiss } = actions;
  if (!failure && !notice) return null;
  return (
    <View className='outcome'>
      {failure ? (
        <View className='message error outcome__message' role='alert' onClick={dismiss}>
          <Text>{failure.message}</Text>
          {detail && <Text className='outcome__detail'>{detail}</Text>}
          {failure.conflict && <Button className='small-button outcome__reload' onClick={onReload}>{t('common.reload')}</Button>}
        </View>
      ) : (
        <View className='message ok outcome__message' role='status' onClick={dismiss}>{notice}</View>
      )}
    </View>
  );
}
