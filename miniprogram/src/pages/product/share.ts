// Share cards for a product: the title with its price ("东北小米 ¥38.00起"), the cover, and the
// path with the product and the sharer; Moments gets the same title and a query.
import type { PublicProductView } from '../../../../contract/products';
import { pages } from '../../../../contract/paths';
import { t } from '../../i18n';
import { mediaUrl } from '../../services/platform';
import { formatFen } from '../../utils/format';

export function productShareTitle(product: PublicProductView): string {
  return `${product.title} ${t('price.from', { price: formatFen(product.priceFromFen) })}`;
}

export function productSharePath(productId: string, sharerId: string | null): string {
  const from = sharerId ? `&from=${encodeURIComponent(sharerId)}` : '';
  return `${pages.product}?id=${encodeURIComponent(productId)}${from}`;
}

export function productShareMessage(product: PublicProductView, sharerId: string | null) {
  const cover = product.photos[0];
  return {
    title: productShareTitle(product),
    path: productSharePath(product.id, sharerId),
    ...(cover ? { imageUrl: mediaUrl(cover.url) } : {}),
  };
}

export function productShareTimeline(product: PublicProductView) {
  const cover = product.photos[0];
  return {
    title: productShareTitle(product),
    query: `id=${encodeURIComponent(product.id)}`,
    ...(cover ? { imageUrl: mediaUrl(cover.url) } : {}),
  };
}
