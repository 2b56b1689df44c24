// Home: the directory of open shops, each a card that opens the shop's page.
import { useCallback } from 'react';
import { Text, View } from '@tarojs/components';
import type { PublicShopView } from '../../../../contract/shops';
import { EmptyState } from '../../components/EmptyState';
import { PagedListBody } from '../../components/LoadState';
import { ShopLogo } from '../../components/ShopLogo';
import { useOnChange } from '../../hooks/useOnChange';
import { usePagedList } from '../../hooks/usePagedList';
import { t } from '../../i18n';
import type { Catalog } from '../../services/catalog';
import type { Navigate } from '../../services/platform';
import { formatRegion } from '../../utils/region';
import './index.scss';

export interface HomeScreenProps {
  catalog: Pick<Catalog, 'shops'>;
  go: Navigate;
  /** Grows each time the person scrolls to the bottom of the page. */
  reachedBottom?: number;
}

export function ShopCard({ shop, onOpen }: { shop: PublicShopView; onOpen: () => void }) {
  return (
    <View className='card shop-card' onClick={onOpen} role='link' aria-label={shop.name}>
      <ShopLogo className='shop-card__logo' name={shop.name} logo={shop.logo} />
      <View className='shop-card__body'>
        <Text className='shop-card__name'>{shop.name}</Text>
        <Text className='hint shop-card__region'>{formatRegion(shop.region)}</Text>
        {shop.intro && <Text className='shop-card__intro'>{shop.intro}</Text>}
        {!shop.acceptingOrders && <Text className='badge badge--muted'>{t('shop.pausedBadge')}</Text>}
      </View>
    </View>
  );
}

export function HomeScreen({ catalog, go, reachedBottom = 0 }: HomeScreenProps) {
  const fetchPage = useCallback((page: number) => catalog.shops({ page, pageSize: 20 }), [catalog]);
  const list = usePagedList<PublicShopView>(fetchPage);
  const { loadMore } = list;

  // Reaching the bottom loads the next page, as the "load more" button does.
  useOnChange(reachedBottom, loadMore);

  return (
    <View className='screen home'>
      <View className='home__banner'>
        <Text className='home__name'>{t('app.name')}</Text>
        <Text className='home__subtitle'>{t('home.subtitle')}</Text>
      </View>
      <PagedListBody list={list} shown={list.items.length} empty={<EmptyState mark='米' title={t('home.emptyTitle')} hint={t('home.emptyHint')} />}>
        <View className='section-title'>{t('home.shops')}</View>
        {list.items.map((shop) => (
          <ShopCard key={shop.id} shop={shop} onOpen={() => go('shop', { id: shop.id })} />
        ))}
      </PagedListBody>
    </View>
  );
}
