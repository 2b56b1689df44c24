// A shop's payment settings, the same for its seller and for the platform's operators: how its
// buyers pay now, in plain words, and (when CunShop runs as a WeChat Pay service provider) the
// shop's sub-merchant id, which the county centre opens for the seller and either of them fills in.
import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { SubMchid, type PaymentSettingsView } from '../../../../contract/payments';
import { t } from '../../i18n';
import { Field } from '../Field';
import { textOf } from '../Field/events';
import './index.scss';

export interface PaymentSettingsFormProps {
  settings: PaymentSettingsView;
  busy: boolean;
  /** Saves the sub-merchant id as typed (checked here first); null takes WeChat Pay away. */
  onSave: (subMchid: string | null) => void;
  /** The server's word on the field (VALIDATION_FAILED at `subMchid`). */
  error?: string | null;
}

export type SubMchidCheck = { ok: true; subMchid: string | null } | { ok: false; error: string };

/** The box's text → what to send: empty is "none"; else the contract's 8–12 digits. */
export function checkSubMchid(text: string): SubMchidCheck {
  const typed = text.replace(/\s+/g, '');
  if (typed === '') return { ok: true, subMchid: null };
  const parsed = SubMchid.safeParse(typed);
  return parsed.success ? { ok: true, subMchid: parsed.data } : { ok: false, error: t('paySettings.subMchidInvalid') };
}

/** How this shop's buyers pay today: WeChat Pay only when the shop takes it, else directly. */
export function HowBuyersPay({ settings }: { settings: PaymentSettingsView }) {
  const mode = settings.wechatPay ? settings.mode : 'off';
  return (
    <View className='pay-settings__how'>
      <Text className='section-title'>{t('paySettings.howBuyersPay')}</Text>
      <View className='pay-settings__mode'>{t(`paySettings.mode.${mode}`)}</View>
    </View>
  );
}

export function PaymentSettingsForm({ settings, busy, onSave, error }: PaymentSettingsFormProps) {
  const [text, setText] = useState(settings.subMchid ?? '');
  const [problem, setProblem] = useState<string | null>(null);

  function save() {
    const checked = checkSubMchid(text);
    if (!checked.ok) {
      setProblem(checked.error);
      return;
    }
    setProblem(null);
    onSave(checked.subMchid);
  }

  const shown = problem ?? error ?? null;
  return (
    <View className='pay-settings'>
      <HowBuyersPay settings={settings} />
      {settings.mode === 'partner' && (
        <>
          <View className={`badge ${settings.wechatPay ? '' : 'badge--warn'} pay-settings__state`}>
            {t(settings.wechatPay ? 'paySettings.wechatOn' : 'paySettings.wechatOff')}
          </View>
          <Field label={t('paySettings.subMchid')} error={shown}>
            <Input
              className={`input pay-settings__sub-mchid ${shown ? 'input--bad' : ''}`}
              type='number'
              value={text}
              maxlength={12}
              placeholder={t('paySettings.subMchidPlaceholder')}
              aria-label={t('paySettings.subMchid')}
              onInput={(event) => {
                setText(textOf(event));
                setProblem(null);
              }}
            />
          </Field>
          <View className='hint pay-settings__hint'>{t('paySettings.subMchidHint')}</View>
          <Button className='big-button pay-settings__save' disabled={busy ? true : undefined} onClick={save}>{t('paySettings.save')}</Button>
        </>
      )}
      {settings.mode === 'direct' && settings.wechatPay && (
        <View className='badge pay-settings__state'>{t('paySettings.wechatOn')}</View>
      )}
    </View>
  );
}
