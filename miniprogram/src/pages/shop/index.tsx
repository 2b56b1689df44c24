// Shop page: the shop's products, shared to chats and Moments with the shop's own card.
import { useCallback, useRef } from 'react';
import Taro, { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import type { PublicShopView } from '../../../../contract/shops';
import { EmptyState } from '../../components/EmptyState';
import { useReachedBottom } from '../../hooks/useReachedBottom';
import { t } from '../../i18n';
import { usePageTitle } from '../../i18n/usePageTitle';
import { client } from '../../services';
import { openPage } from '../../services/platform';
import { sessionUserId } from '../../services/session';
import { ShopScreen } from './ShopScreen';
import { shopShareMessage, shopShareTimeline } from './share';

export default function ShopPage() {
  usePageTitle('shop.title');
  const { params } = useRouter();
  const shopId = params.id ?? '';
  const loaded = useRef<PublicShopView | null>(null);
  const bottom = useReachedBottom();

  const onLoaded = useCallback((shop: PublicShopView) => {
    loaded.current = shop;
    Taro.setNavigationBarTitle({ title: shop.name }).catch(() => undefined);
  }, []);

  useShareAppMessage(() =>
    loaded.current ? shopShareMessage(loaded.current, sessionUserId()) : { title: t('app.name') },
  );
  useShareTimeline(() => (loaded.current ? shopShareTimeline(loaded.current) : { title: t('app.name') }));

  if (!shopId) return <EmptyState mark='店' title={t('error.NOT_FOUND')} hint={t('shop.missingHint')} />;
  return <ShopScreen shopId={shopId} catalog={client} go={openPage} reachedBottom={bottom} onLoaded={onLoaded} />;
}
