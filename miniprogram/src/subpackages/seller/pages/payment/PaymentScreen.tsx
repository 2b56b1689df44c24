// The shop's payment settings (收款设置): how its buyers pay now, and, where CunShop is a WeChat
// Pay service provider, the sub-merchant id the county centre opened for the shop.
import { View } from '@tarojs/components';
import type { ShopView } from '../../../../../../contract/shops';
import { LoadFailed, Loading } from '../../../../components/LoadState';
import { Outcome } from '../../../../components/Outcome';
import { PaymentSettingsForm } from '../../../../components/PaymentSettingsForm';
import { usePaymentSettings, type PaymentSettingsApi } from '../../../../components/PaymentSettingsForm/usePaymentSettings';
import type { Navigate } from '../../../../services/platform';
import type { Seller } from '../../../../services/seller';
import { ShopGate } from '../../components/ShopGate';

export interface PaymentScreenProps {
  seller: Pick<Seller, 'myShop'>;
  orders: PaymentSettingsApi;
  go: Navigate;
}

function PaymentOfShop({ shop, orders }: { shop: ShopView; orders: PaymentSettingsApi }) {
  const { load, actions, fieldError, reload, save } = usePaymentSettings(orders, shop.id);
  if (load.phase === 'loading') return <View className='screen'><Loading /></View>;
  if (load.phase === 'failed') return <View className='screen'><LoadFailed message={load.message} onRetry={reload} /></View>;
  return (
    <View className='screen seller-payment'>
      <View className='card'>
        <PaymentSettingsForm key={load.settings.version} settings={load.settings} busy={actions.busy} onSave={save} error={fieldError} />
        <Outcome actions={actions} onReload={reload} />
      </View>
    </View>
  );
}

export function PaymentScreen({ seller, orders, go }: PaymentScreenProps) {
  return <ShopGate seller={seller} go={go}>{(shop) => <PaymentOfShop shop={shop} orders={orders} />}</ShopGate>;
}
