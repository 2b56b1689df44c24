// A product as buyers see it: photos, title, the variant picker with price, weight and unit price
// (¥ per 斤 and per kg), few-left and sold-out per variant, origin and keeping, the description,
// and the way to the shop. Opened by id (a link) or by a mini-program code's scene.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Image, Swiper, SwiperItem, Text, View } from '@tarojs/components';
import type { PublicProductView, PublicVariantView } from '../../../../contract/products';
import { unitPriceFen } from '../../../../contract/pricing';
import { ORDER_QUANTITY_MAX } from '../../../../contract/limits';
import { LoadFailed, Loading } from '../../components/LoadState';
import { Outcome } from '../../components/Outcome';
import { QuantityStepper } from '../../components/QuantityStepper';
import { ShopLogo } from '../../components/ShopLogo';
import { useOnChange } from '../../hooks/useOnChange';
import { messageOf } from '../../hooks/usePagedList';
import { t } from '../../i18n';
import { addToCart, cartLineCount, type AddResult, type CartLine } from '../../services/cart';
import type { Catalog } from '../../services/catalog';
import { mediaUrl, type Navigate } from '../../services/platform';
import { formatFen, formatGrams, formatJin } from '../../utils/format';
import { formatRegion } from '../../utils/region';
import './index.scss';

export interface ProductScreenProps {
  /** From a link: `?id=…`. */
  productId?: string;
  /** From a mini-program code: the scene in the launch query, resolved through the server. */
  scene?: string;
  catalog: Pick<Catalog, 'product' | 'scene'>;
  go: Navigate;
  preview?: (urls: string[], current: string) => void;
  onLoaded?: (product: PublicProductView) => void;
  /** Grows each time the page shows again (back from the cart), to recount the cart. */
  shownAgain?: number;
  /** The phone's cart (services/cart); tests pass fakes. */
  cart?: { add: (shop: { id: string; name: string }, line: CartLine) => AddResult; lineCount: () => number };
}

const phoneCart = { add: addToCart, lineCount: cartLineCount };

/** Packs one may order now: what is left when few are, else the order limit. */
export const orderableMax = (variant: Pick<PublicVariantView, 'fewLeft'>): number => Math.min(ORDER_QUANTITY_MAX, variant.fewLeft ?? ORDER_QUANTITY_MAX);

/** A buy-now line in a checkout URL: "productId.variantId.quantity" (ids are hex, so dots are safe). */
export const buyNowParam = (productId: string, variantId: string, quantity: number): string => `${productId}.${variantId}.${quantity}`;

/** "¥7.60/斤" and "¥15.20/kg" for a pack, computed as the server does (contract/pricing). */
export function unitPrices(variant: Pick<PublicVariantView, 'priceFen' | 'netWeightGrams'>) {
  return {
    perJin: t('price.perJin', { price: formatFen(unitPriceFen(variant.priceFen, variant.netWeightGrams, 500)) }),
    perKg: t('price.perKg', { price: formatFen(unitPriceFen(variant.priceFen, variant.netWeightGrams, 1000)) }),
  };
}

/** "2.5 kg（5 斤）": both the metric weight and the market's unit. */
export function weightLabel(grams: number): string {
  return `${formatGrams(grams)}（${formatJin(grams)}）`;
}

function VariantOption({ variant, selected, onPick }: { variant: PublicVariantView; selected: boolean; onPick: () => void }) {
  const { perJin, perKg } = unitPrices(variant);
  const classes = ['variant', selected ? 'variant--on' : '', variant.soldOut ? 'variant--sold-out' : ''].join(' ');
  return (
    <View className={classes} role='radio' aria-checked={selected} aria-label={variant.name} onClick={onPick}>
      <View className='variant__top'>
        <Text className='variant__name'>{variant.name}</Text>
        <Text className='price variant__price'>{formatFen(variant.priceFen)}</Text>
      </View>
      <View className='variant__bottom'>
        <Text className='hint variant__weight'>{weightLabel(variant.netWeightGrams)}</Text>
        <Text className='variant__unit'>{perJin}</Text>
        <Text className='variant__unit'>{perKg}</Text>
      </View>
      {variant.soldOut && <Text className='badge badge--muted'>{t('product.soldOut')}</Text>}
      {!variant.soldOut && variant.fewLeft !== null && (
        <Text className='badge badge--warn'>{t('product.fewLeft', { count: variant.fewLeft })}</Text>
      )}
    </View>
  );
}

export function ProductScreen({ productId, scene, catalog, go, preview, onLoaded, shownAgain = 0, cart = phoneCart }: ProductScreenProps) {
  const [product, setProduct] = useState<PublicProductView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [quantity, setQuantity] = useState(1);
  const [inCart, setInCart] = useState(() => cart.lineCount());
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  useOnChange(shownAgain, () => setInCart(cart.lineCount()));

  const load = useCallback(() => {
    setError(null);
    (async () => {
      const id = productId || (scene ? (await catalog.scene(scene)).productId : null);
      if (!id) throw new Error('no product');
      return catalog.product(id);
    })().then(
      (loaded) => {
        setProduct(loaded);
        setSelectedId((current) => current ?? (loaded.variants.find((v) => !v.soldOut) ?? loaded.variants[0])?.id ?? null);
        onLoaded?.(loaded);
      },
      (failure: unknown) => setError(messageOf(failure)),
    );
  }, [catalog, productId, scene, onLoaded]);

  useEffect(() => {
    load();
  }, [load]);

  const selected = useMemo(
    () => product?.variants.find((variant) => variant.id === selectedId) ?? product?.variants[0] ?? null,
    [product, selectedId],
  );

  const max = selected ? orderableMax(selected) : 1;
  useEffect(() => {
    setQuantity((current) => Math.min(current, Math.max(1, max)));
  }, [max]);

  if (!productId && !scene) return <View className='screen'><LoadFailed message={t('error.NOT_FOUND')} onRetry={() => go('home')} /></View>;
  if (error) return <View className='screen'><LoadFailed message={error} onRetry={load} /></View>;
  if (!product) return <View className='screen'><Loading /></View>;

  const buyable = product.shop.acceptingOrders && !!selected && !selected.soldOut;

  function addSelected() {
    if (!product || !selected || !buyable) return;
    const result = cart.add(
      { id: product.shop.id, name: product.shop.name },
      {
        productId: product.id,
        variantId: selected.id,
        quantity,
        title: product.title,
        variantName: selected.name,
        priceFen: selected.priceFen,
        netWeightGrams: selected.netWeightGrams,
        cover: product.photos[0] ?? null,
      },
    );
    setInCart(cart.lineCount());
    setOutcome(result === 'added' ? { ok: true, text: t('cart.added') } : { ok: false, text: t('cart.full') });
  }

  function buyNow() {
    if (!product || !selected || !buyable) return;
    go('checkout', { shop: product.shop.id, buy: buyNowParam(product.id, selected.id, quantity) });
  }

  const photoUrls = product.photos.map((photo) => mediaUrl(photo.largeUrl));
  const facts: { label: string; value: string }[] = [];
  if (product.origin) facts.push({ label: t('product.origin'), value: formatRegion(product.origin.region, product.origin.village) });
  if (product.harvestDate) facts.push({ label: t('product.harvestDate'), value: product.harvestDate });
  if (product.shelfLifeDays) facts.push({ label: t('product.shelfLife'), value: t('product.days', { count: product.shelfLifeDays }) });
  if (product.storageNote) facts.push({ label: t('product.storage'), value: product.storageNote });

  return (
    <View className='screen product with-bottom-bar'>
      {product.photos.length > 0 && (
        <Swiper className='product__photos' indicatorDots={product.photos.length > 1} circular>
          {product.photos.map((photo, index) => (
            <SwiperItem key={photo.id}>
              <Image
                className='product__photo'
                src={mediaUrl(photo.url)}
                mode='aspectFill'
                onClick={() => preview?.(photoUrls, photoUrls[index])}
              />
            </SwiperItem>
          ))}
        </Swiper>
      )}

      <View className='card'>
        <Text className='title product__title'>{product.title}</Text>
        {selected && (
          <View className='product__price-line'>
            <Text className='price price--big'>{formatFen(selected.priceFen)}</Text>
            <Text className='hint product__price-unit'>{`${unitPrices(selected).perJin} · ${unitPrices(selected).perKg}`}</Text>
          </View>
        )}
        {product.soldOut && <Text className='badge badge--muted'>{t('product.allSoldOut')}</Text>}
      </View>

      {!product.shop.acceptingOrders && <View className='message notice' role='status'>{t('product.shopPaused')}</View>}

      <View className='card'>
        <View className='section-title'>{t('product.variants')}</View>
        <View role='radiogroup' aria-label={t('product.variants')}>
          {product.variants.map((variant) => (
            <VariantOption
              key={variant.id}
              variant={variant}
              selected={variant.id === selected?.id}
              onPick={() => setSelectedId(variant.id)}
            />
          ))}
        </View>
        {buyable && selected && (
          <View className='product__quantity'>
            <Text className='product__quantity-label'>{t('cart.quantity')}</Text>
            <QuantityStepper value={quantity} max={max} onChange={setQuantity} label={`${product.title} ${selected.name}`} />
          </View>
        )}
      </View>

      {facts.length > 0 && (
        <View className='card'>
          {facts.map((fact) => (
            <View key={fact.label} className='fact'>
              <Text className='fact__label'>{fact.label}</Text>
              <Text className='fact__value'>{fact.value}</Text>
            </View>
          ))}
        </View>
      )}

      {product.description.length > 0 && (
        <View className='card product__description'>
          <View className='section-title'>{t('product.description')}</View>
          {product.description.map((block, index) =>
            block.type === 'text' ? (
              <Text key={index} className='product__paragraph'>{block.text}</Text>
            ) : (
              <Image key={index} className='product__description-photo' src={mediaUrl(block.photo.url)} mode='widthFix' lazyLoad />
            ),
          )}
        </View>
      )}

      <View className='card product__shop' role='link' onClick={() => go('shop', { id: product.shop.id })}>
        <ShopLogo className='product__shop-logo' name={product.shop.name} logo={product.shop.logo} />
        <Text className='product__shop-name'>{product.shop.name}</Text>
        <Text className='product__shop-go'>{t('product.visitShop')}</Text>
      </View>

      <View className='bottom-bar'>
        <Outcome
          actions={{
            failure: outcome && !outcome.ok ? { message: outcome.text, conflict: false, error: null } : null,
            notice: outcome?.ok ? outcome.text : null,
            dismiss: () => setOutcome(null),
          }}
          onReload={load}
        />
        <Button className='big-button quiet bottom-bar__cart product-cart' onClick={() => go('cart')}>
          {inCart > 0 ? t('cart.buttonCount', { count: inCart }) : t('cart.button')}
        </Button>
        <View className='bottom-bar__main product__buttons'>
          <Button className='big-button secondary cart-add' disabled={buyable ? undefined : true} onClick={addSelected}>
            {t('cart.add')}
          </Button>
          <Button className='big-button buy-now' disabled={buyable ? undefined : true} onClick={buyNow}>
            {t('product.buy')}
          </Button>
        </View>
        {/* A paused shop says so at the top already. */}
        {!buyable && product.shop.acceptingOrders && <Text className='hint bottom-bar__hint product__why-not'>{t('product.soldOut')}</Text>}
      </View>
    </View>
  );
}
