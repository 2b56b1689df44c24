// The seller's products in three tabs (on sale, off the shelf, drafts) with counts, and on each
// card what needs attention: sold out, running low, flagged for the platform's review.
import { useCallback, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import type { ListingCard, ListingPage, ProductStatus } from '../../../../../../contract/products';
import type { ShopView } from '../../../../../../contract/shops';
import { EmptyState } from '../../../../components/EmptyState';
import { PagedListBody } from '../../../../components/LoadState';
import { Tabs } from '../../../../components/Tabs';
import { useOnChange } from '../../../../hooks/useOnChange';
import { usePagedList } from '../../../../hooks/usePagedList';
import { t } from '../../../../i18n';
import { mediaUrl, type Navigate } from '../../../../services/platform';
import type { Seller } from '../../../../services/seller';
import { formatFen } from '../../../../utils/format';
import { NewProductBar } from '../../components/SellerBlocks';
import { ShopGate } from '../../components/ShopGate';
import './index.scss';

const TABS: ProductStatus[] = ['on_sale', 'off_shelf', 'draft'];

export interface ListingsScreenProps {
  seller: Pick<Seller, 'myShop' | 'listings'>;
  go: Navigate;
  initialStatus?: ProductStatus;
  reachedBottom?: number;
  /** Grows each time the page shows again (back from the editor). */
  shown?: number;
}

function ListingRow({ card, onOpen }: { card: ListingCard; onOpen: () => void }) {
  return (
    <View className='card media-row listing' role='link' aria-label={card.title} onClick={onOpen}>
      {card.cover ? (
        <Image className='media-row__cover' src={mediaUrl(card.cover.thumbUrl)} mode='aspectFill' />
      ) : (
        <View className='media-row__cover media-row__cover--blank'>{t('listing.noPhoto')}</View>
      )}
      <View className='media-row__body'>
        <Text className='media-row__title'>{card.title}</Text>
        <Text className='price'>{t('price.from', { price: formatFen(card.priceFromFen) })}</Text>
        <View>
          {card.soldOut ? (
            <Text className='badge badge--danger'>{t('product.soldOut')}</Text>
          ) : (
            card.lowStock && <Text className='badge badge--warn'>{t('listing.lowStock', { count: card.available })}</Text>
          )}
          {card.review.state === 'flagged' && <Text className='badge badge--warn'>{t('listing.flagged')}</Text>}
          {card.review.state === 'taken_down' && <Text className='badge badge--danger'>{t('listing.takenDown')}</Text>}
          {!card.soldOut && !card.lowStock && card.status === 'on_sale' && (
            <Text className='hint listing__available'>{t('listing.available', { count: card.available })}</Text>
          )}
        </View>
      </View>
    </View>
  );
}

function ListingsOfShop({ shop, seller, go, initialStatus, reachedBottom, shown }: Omit<ListingsScreenProps, 'seller'> & { shop: ShopView; seller: Pick<Seller, 'listings'> }) {
  const [status, setStatus] = useState<ProductStatus>(initialStatus ?? 'on_sale');
  const [counts, setCounts] = useState<ListingPage['counts']>({
    on_sale: shop.productCounts.on_sale,
    off_shelf: shop.productCounts.off_shelf,
    draft: shop.productCounts.draft,
  });
  const fetchPage = useCallback(
    (page: number) =>
      seller.listings(shop.id, { status, page, pageSize: 20 }).then((result) => {
        setCounts(result.counts);
        return result;
      }),
    [seller, shop.id, status],
  );
  const list = usePagedList<ListingCard, ListingPage>(fetchPage);
  useOnChange(reachedBottom ?? 0, list.loadMore);
  useOnChange(shown ?? 0, list.reload);

  return (
    <View className='screen listings with-bottom-bar'>
      <Tabs tabs={TABS} on={status} label={(tab) => `${t(`listing.tab.${tab}`)} ${counts[tab]}`} onPick={setStatus} />

      <PagedListBody list={list} shown={list.items.length} empty={<EmptyState mark='货' title={t(`listing.empty.${status}`)} hint={t('listing.emptyHint')} />}>
        {list.items.map((card) => <ListingRow key={card.id} card={card} onOpen={() => go('sellerEditor', { id: card.id })} />)}
      </PagedListBody>

      <NewProductBar onNew={() => go('sellerEditor')} />
    </View>
  );
}

export function ListingsScreen(props: ListingsScreenProps) {
  return (
    <ShopGate seller={props.seller} go={props.go}>
      {(shop) => <ListingsOfShop {...props} shop={shop} />}
    </ShopGate>
  );
}
