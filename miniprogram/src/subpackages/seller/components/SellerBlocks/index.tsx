// Pieces several seller screens show alike: "you have no shop yet" with the way to open one, and
// the bottom bar's "new product".
import { Button, View } from '@tarojs/components';
import { EmptyState } from '../../../../components/EmptyState';
import { t } from '../../../../i18n';

export function NoShop({ onOpen, bigButtonClass = '' }: { onOpen: () => void; bigButtonClass?: string }) {
  return (
    <View className='screen seller-no-shop'>
      <EmptyState mark='店' title={t('seller.noShopTitle')} hint={t('seller.noShopHint')} />
      <Button className={`big-button ${bigButtonClass}`} onClick={onOpen}>{t('seller.openShop')}</Button>
    </View>
  );
}

export function NewProductBar({ onNew }: { onNew: () => void }) {
  return (
    <View className='bottom-bar'>
      <View className='bottom-bar__main'>
        <Button className='big-button' onClick={onNew}>{t('seller.newProduct')}</Button>
      </View>
    </View>
  );
}
