// Orders: the buyer's orders will be listed here once ordering exists.
import { View } from '@tarojs/components';
import { EmptyState } from '../../components/EmptyState';
import { t } from '../../i18n';
import { usePageTitle } from '../../i18n/usePageTitle';

export default function OrdersPage() {
  usePageTitle('orders.title');
  return (
    <View className='screen orders'>
      <EmptyState mark='单' title={t('orders.emptyTitle')} hint={t('orders.emptyHint')} />
    </View>
  );
}
