// A shop's public page: header (cover, logo, name, intro, region), a notice when paused, category
// chips and the products on sale, page by page.
import { useCallback, useEffect, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import type { Category, PublicShopView } from '../../../../contract/shops';
import type { ProductCard } from '../../../../contract/products';
import { EmptyState } from '../../components/EmptyState';
import { LoadFailed, Loading, PagedListBody } from '../../components/LoadState';
import { ShopLogo } from '../../components/ShopLogo';
import { useOnChange } from '../../hooks/useOnChange';
import { messageOf, usePagedList } from '../../hooks/usePagedList';
import { t } from '../../i18n';
import type { Catalog } from '../../services/catalog';
import { mediaUrl, type Navigate } from '../../services/platform';
import { formatFen } from '../../utils/format';
import { formatRegion } from '../../utils/region';
import './index.scss';

export interface ShopScreenProps {
  shopId: string;
  catalog: Pick<Catalog, 'shop' | 'shopProducts'>;
  go: Navigate;
  reachedBottom?: number;
  /** The page shell builds share cards from the loaded shop. */
  onLoaded?: (shop: PublicShopView) => void;
}

export function ProductTile({ card, onOpen }: { card: ProductCard; onOpen: () => void }) {
  return (
    <View className='product-tile' onClick={onOpen} role='link' aria-label={card.title}>
      <View className='product-tile__photo'>
        {card.cover ? (
          <Image className='product-tile__image' src={mediaUrl(card.cover.thumbUrl)} mode='aspectFill' lazyLoad />
        ) : (
          <View className='product-tile__image product-tile__image--blank'>{card.title.slice(0, 1)}</View>
        )}
        {card.soldOut && <Text className='product-tile__sold-out'>{t('product.soldOut')}</Text>}
      </View>
      <Text className='product-tile__title'>{card.title}</Text>
      <View className='product-tile__prices'>
        <Text className='price'>{t('price.from', { price: formatFen(card.priceFromFen) })}</Text>
        <Text className='hint product-tile__unit'>{t('price.perJin', { price: formatFen(card.unitPriceFromFenPer500g) })}</Text>
      </View>
    </View>
  );
}

export function ShopScreen({ shopId, catalog, go, reachedBottom = 0, onLoaded }: ShopScreenProps) {
  const [shop, setShop] = useState<PublicShopView | null>(null);
  const [shopError, setShopError] = useState<string | null>(null);
  const [category, setCategory] = useState<Category | null>(null);

  const loadShop = useCallback(() => {
    setShopError(null);
    catalog.shop(shopId).then(
      (loaded) => {
        setShop(loaded);
        onLoaded?.(loaded);
      },
      (failure: unknown) => setShopError(messageOf(failure)),
    );
  }, [catalog, shopId, onLoaded]);

  useEffect(() => {
    loadShop();
  }, [loadShop]);

  const fetchPage = useCallback(
    (page: number) => catalog.shopProducts(shopId, { page, pageSize: 20, category: category ?? undefined }),
    [catalog, shopId, category],
  );
  const list = usePagedList<ProductCard>(fetchPage);
  useOnChange(reachedBottom, list.loadMore);

  if (shopError) return <View className='screen'><LoadFailed message={shopError} onRetry={loadShop} /></View>;
  if (!shop) return <View className='screen'><Loading /></View>;

  return (
    <View className='screen shop'>
      <View className='shop__header card'>
        {shop.cover && <Image className='shop__cover' src={mediaUrl(shop.cover.url)} mode='aspectFill' />}
        <View className='shop__identity'>
          <ShopLogo className='shop__logo' name={shop.name} logo={shop.logo} />
          <View className='shop__names'>
            <Text className='title'>{shop.name}</Text>
            <Text className='hint'>{formatRegion(shop.region)}</Text>
          </View>
        </View>
        {shop.intro && <Text className='shop__intro'>{shop.intro}</Text>}
      </View>

      {!shop.acceptingOrders && <View className='message notice' role='status'>{t('shop.pausedNotice')}</View>}

      {shop.categories.length > 1 && (
        <View className='chips' role='tablist'>
          <View className={`chip ${category === null ? 'chip--on' : ''}`} role='tab' onClick={() => setCategory(null)}>
            {t('shop.allCategories')}
          </View>
          {shop.categories.map(({ category: code, count }) => (
            <View key={code} className={`chip ${category === code ? 'chip--on' : ''}`} role='tab' onClick={() => setCategory(code)}>
              {`${t(`category.${code}`)} ${count}`}
            </View>
          ))}
        </View>
      )}

      <PagedListBody
        list={list}
        shown={list.items.length}
        empty={<EmptyState mark='货' title={t('shop.emptyTitle')} hint={t('shop.emptyHint')} />}
        endText={t('shop.allShown')}
      >
        <View className='product-grid'>
          {list.items.map((card) => (
            <ProductTile key={card.id} card={card} onOpen={() => go('product', { id: card.id })} />
          ))}
        </View>
      </PagedListBody>
    </View>
  );
}
