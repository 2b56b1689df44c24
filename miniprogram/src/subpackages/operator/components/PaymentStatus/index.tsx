// A shop's WeChat Pay in one line on the operators' list: on or off and, under a service provider,
// its sub-merchant id (what the county centre checks first when a seller says buyers cannot pay).
import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import type { PaymentSettingsView } from '../../../../../../contract/payments';
import type { PaymentSettingsApi } from '../../../../components/PaymentSettingsForm/usePaymentSettings';
import { t } from '../../../../i18n';

/** The line's words for settings as read. */
export function paymentStatusText(settings: PaymentSettingsView): string {
  if (settings.mode === 'off') return t('operatorPay.modeOff');
  const state = t(settings.wechatPay ? 'operatorPay.on' : 'operatorPay.off');
  if (settings.mode !== 'partner') return state;
  return state + (settings.subMchid ? t('operatorPay.subMchid', { id: settings.subMchid }) : t('operatorPay.noSubMchid'));
}

export interface PaymentStatusProps {
  shopId: string;
  payments: Pick<PaymentSettingsApi, 'paymentSettings'>;
  /** Settings saved on this page meanwhile: shown instead of asking again. */
  saved?: PaymentSettingsView;
}

export function PaymentStatus({ shopId, payments, saved }: PaymentStatusProps) {
  const [read, setRead] = useState<PaymentSettingsView | 'loading' | 'failed'>('loading');
  useEffect(() => {
    let live = true;
    payments.paymentSettings(shopId).then(
      (settings) => live && setRead(settings),
      () => live && setRead('failed'),
    );
    return () => {
      live = false;
    };
  }, [payments, shopId]);

  const settings = saved ?? (typeof read === 'object' ? read : null);
  const text = settings ? paymentStatusText(settings) : t(read === 'failed' ? 'operatorPay.failed' : 'operatorPay.loading');
  const tone = settings?.wechatPay ? 'admin-shop__pay--on' : settings?.mode === 'partner' ? 'admin-shop__pay--off' : '';
  return <View className={`hint admin-shop__pay ${tone}`}>{text}</View>;
}
