// Seller centre (subpackage): empty for now; products and order handling arrive in later issues.
import { View } from '@tarojs/components';
import { EmptyState } from '../../../../components/EmptyState';
import { t } from '../../../../i18n';
import { usePageTitle } from '../../../../i18n/usePageTitle';

export default function SellerHomePage() {
  usePageTitle('seller.title');
  return (
    <View className='screen seller-home'>
      <EmptyState mark='店' title={t('seller.comingSoon')} hint={t('seller.hint')} />
    </View>
  );
}
