// The shop's state in one word: open, paused by the seller, or suspended by the platform.
import { Text } from '@tarojs/components';
import type { ShopView } from '../../../../contract/shops';
import { t } from '../../i18n';

export function ShopStatusBadge({ shop }: { shop: Pick<ShopView, 'status' | 'suspended'> }) {
  if (shop.suspended) return <Text className='badge badge--danger'>{t('shopStatus.suspended')}</Text>;
  if (shop.status === 'paused') return <Text className='badge badge--warn'>{t('shopStatus.paused')}</Text>;
  return <Text className='badge'>{t('shopStatus.open')}</Text>;
}
