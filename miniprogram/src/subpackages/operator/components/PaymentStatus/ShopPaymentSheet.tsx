// The shop's payment settings inside the operators' sheet: the same form the seller has, so the
// county centre can fill in the sub-merchant id it opened for the shop.
import { Text, View } from '@tarojs/components';
import type { PaymentSettingsView } from '../../../../../../contract/payments';
import { LoadFailed, Loading } from '../../../../components/LoadState';
import { Outcome } from '../../../../components/Outcome';
import { PaymentSettingsForm } from '../../../../components/PaymentSettingsForm';
import { usePaymentSettings, type PaymentSettingsApi } from '../../../../components/PaymentSettingsForm/usePaymentSettings';
import { t } from '../../../../i18n';

export function ShopPaymentSheet({ shopId, payments, onSaved }: { shopId: string; payments: PaymentSettingsApi; onSaved: (settings: PaymentSettingsView) => void }) {
  const { load, actions, fieldError, reload, save } = usePaymentSettings(payments, shopId, onSaved);
  return (
    <View className='admin-sheet__payment'>
      <Text className='section-title'>{t('operatorPay.title')}</Text>
      {load.phase === 'loading' ? (
        <Loading />
      ) : load.phase === 'failed' ? (
        <LoadFailed message={load.message} onRetry={reload} />
      ) : (
        <PaymentSettingsForm key={load.settings.version} settings={load.settings} busy={actions.busy} onSave={save} error={fieldError} />
      )}
      <Outcome actions={actions} onReload={reload} />
    </View>
  );
}
