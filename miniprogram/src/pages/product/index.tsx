// Product page: opened from a shared link (`id`, `from`) or a mini-program code (`scene`).
import { useCallback, useRef } from 'react';
import { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import type { PublicProductView } from '../../../../contract/products';
import { t } from '../../i18n';
import { useShownAgain } from '../../hooks/useShownAgain';
import { usePageTitle } from '../../i18n/usePageTitle';
import { client } from '../../services';
import { openPage, previewImages } from '../../services/platform';
import { sessionUserId } from '../../services/session';
import { ProductScreen } from './ProductScreen';
import { productShareMessage, productShareTimeline } from './share';

/** WeChat hands a code's scene over URL-encoded. */
function decodeScene(scene: string | undefined): string | undefined {
  if (!scene) return undefined;
  try {
    return decodeURIComponent(scene);
  } catch {
    return scene;
  }
}

export default function ProductPage() {
  usePageTitle('product.title');
  // `from` (who shared the link) is not used yet; it stays in the share path for later rewards.
  const { params } = useRouter();
  const shownAgain = useShownAgain();
  const loaded = useRef<PublicProductView | null>(null);
  const onLoaded = useCallback((product: PublicProductView) => {
    loaded.current = product;
  }, []);

  useShareAppMessage(() =>
    loaded.current ? productShareMessage(loaded.current, sessionUserId()) : { title: t('app.name') },
  );
  useShareTimeline(() => (loaded.current ? productShareTimeline(loaded.current) : { title: t('app.name') }));

  return (
    <ProductScreen
      productId={params.id}
      scene={decodeScene(params.scene)}
      catalog={client}
      go={openPage}
      preview={previewImages}
      onLoaded={onLoaded}
      shownAgain={shownAgain}
    />
  );
}
