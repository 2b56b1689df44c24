// Share cards for a shop: to a chat (with the sharer, for later attribution) and to Moments.
import type { PublicShopView } from '../../../../contract/shops';
import { pages } from '../../../../contract/paths';
import { mediaUrl } from '../../services/platform';

export function shopShareMessage(shop: PublicShopView, sharerId: string | null) {
  const query = `id=${encodeURIComponent(shop.id)}${sharerId ? `&from=${encodeURIComponent(sharerId)}` : ''}`;
  const cover = shop.cover ?? shop.logo;
  return {
    title: shop.name,
    path: `${pages.shop}?${query}`,
    ...(cover ? { imageUrl: mediaUrl(cover.url) } : {}),
  };
}

export function shopShareTimeline(shop: PublicShopView) {
  const cover = shop.cover ?? shop.logo;
  return { title: shop.name, query: `id=${encodeURIComponent(shop.id)}`, ...(cover ? { imageUrl: mediaUrl(cover.url) } : {}) };
}
