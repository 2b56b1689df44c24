// Cancelling an unpaid order: a reason picked from the usual ones (or typed), then the cancel.
import { useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import { CANCEL_REASON_MAX } from '../../../../contract/limits';
import { textOf } from '../../components/Field/events';
import { t, type MessageKey } from '../../i18n';

const REASONS: MessageKey[] = ['order.reason.changedMind', 'order.reason.wrongAddress', 'order.reason.wrongItems', 'order.reason.sellerUnreachable'];

export function CancelSheet({ busy, onCancel, onClose }: { busy: boolean; onCancel: (reason: string) => void; onClose: () => void }) {
  const [picked, setPicked] = useState<MessageKey | 'other' | null>(null);
  const [other, setOther] = useState('');
  const reason = picked === 'other' ? other.trim() : picked ? t(picked) : '';
  return (
    <View className='card cancel-sheet'>
      <View className='section-title'>{t('order.cancelWhy')}</View>
      <View className='chips' role='radiogroup' aria-label={t('order.cancelWhy')}>
        {REASONS.map((key) => (
          <View key={key} className={`chip ${picked === key ? 'chip--on' : ''}`} role='radio' aria-checked={picked === key} onClick={() => setPicked(key)}>
            {t(key)}
          </View>
        ))}
        <View className={`chip ${picked === 'other' ? 'chip--on' : ''}`} role='radio' aria-checked={picked === 'other'} onClick={() => setPicked('other')}>
          {t('order.reason.other')}
        </View>
      </View>
      {picked === 'other' && (
        <Input
          className='input cancel-sheet__other'
          value={other}
          maxlength={CANCEL_REASON_MAX}
          placeholder={t('order.reasonPlaceholder')}
          aria-label={t('order.reason.other')}
          onInput={(event) => setOther(textOf(event))}
        />
      )}
      <Button className='big-button danger order-cancel-confirm' disabled={busy || !reason ? true : undefined} onClick={() => onCancel(reason)}>
        {t('order.cancelConfirm')}
      </Button>
      <Button className='big-button quiet' onClick={onClose}>{t('order.keep')}</Button>
    </View>
  );
}
