// The carts on this phone, one per shop: each line with its pack, price and quantity (big − and +),
// what the server's quote says is wrong with it (sold out, not enough, gone), the subtotal, and
// the way to checkout. Works offline from what the phone kept; the quote adds the truth when it comes.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import type { QuoteLineView, QuoteView } from '../../../../contract/orders';
import { ORDER_QUANTITY_MAX } from '../../../../contract/limits';
import { EmptyState } from '../../components/EmptyState';
import { QuantityStepper } from '../../components/QuantityStepper';
import { useOnChange } from '../../hooks/useOnChange';
import { messageOf } from '../../hooks/usePagedList';
import { t } from '../../i18n';
import {
  loadCarts, orderLinesOf, refreshFromQuote, removeLines, setQuantity, type CartLine, type ShopCart,
} from '../../services/cart';
import type { Orders } from '../../services/orders';
import { mediaUrl, type Navigate } from '../../services/platform';
import { formatFen } from '../../utils/format';
import { lineProblemText } from './problems';
import './index.scss';

export interface CartScreenProps {
  orders: Pick<Orders, 'quote'>;
  go: Navigate;
  openHome: () => void;
  /** Grows each time the page shows again (something may have been added or ordered meanwhile). */
  shownAgain?: number;
  confirm: (title: string, content: string, yes: string, no: string) => Promise<boolean>;
}

type QuoteState = { quote: QuoteView | null; error: string | null };

/** The lines' total from the newest prices known: the quote's when it has them, else the kept ones. */
export function cartSubtotalFen(lines: CartLine[], quote: QuoteView | null): number {
  const quoted = new Map((quote?.lines ?? []).map((line) => [line.variantId, line]));
  return lines.reduce((sum, line) => {
    const q = quoted.get(line.variantId);
    if (q && (q.problem === 'unavailable' || q.problem === 'sold_out')) return sum;
    return sum + (q?.priceFen ?? line.priceFen) * line.quantity;
  }, 0);
}

function CartLineRow({ line, quoted, onQuantity, onRemove }: {
  line: CartLine;
  quoted: QuoteLineView | undefined;
  onQuantity: (quantity: number) => void;
  onRemove: () => void;
}) {
  const problem = quoted ? lineProblemText(quoted) : null;
  const priceFen = quoted?.priceFen ?? line.priceFen;
  const max = quoted && quoted.problem === 'not_enough' ? Math.max(quoted.available, line.quantity) : undefined;
  return (
    <View className={`cart-line media-row ${problem ? 'cart-line--problem' : ''}`}>
      {line.cover ? (
        <Image className='media-row__cover cart-line__cover' src={mediaUrl(line.cover.thumbUrl)} mode='aspectFill' />
      ) : (
        <View className='media-row__cover media-row__cover--blank cart-line__cover'>{line.title.slice(0, 2)}</View>
      )}
      <View className='media-row__body'>
        <Text className='media-row__title'>{line.title}</Text>
        <Text className='hint'>{line.variantName}</Text>
        <Text className='price'>{formatFen(priceFen)}</Text>
        {problem && <View className='badge badge--danger cart-line__problem' role='alert'>{problem}</View>}
        <View className='cart-line__controls'>
          <QuantityStepper value={line.quantity} max={max ?? ORDER_QUANTITY_MAX} onChange={onQuantity} label={`${line.title} ${line.variantName}`} />
          <Button className='small-button danger cart-remove' onClick={onRemove}>{t('cart.remove')}</Button>
        </View>
      </View>
    </View>
  );
}

export function CartScreen({ orders, go, openHome, shownAgain = 0, confirm }: CartScreenProps) {
  const [carts, setCarts] = useState<ShopCart[]>(() => loadCarts());
  const [quotes, setQuotes] = useState<Record<string, QuoteState>>({});
  // Only the answer to the newest quote of a shop may be shown (quantities change quickly).
  const asked = useRef<Record<string, number>>({});

  const requote = useCallback(
    (cart: ShopCart) => {
      const mine = (asked.current[cart.shopId] ?? 0) + 1;
      asked.current[cart.shopId] = mine;
      orders.quote({ shopId: cart.shopId, lines: orderLinesOf(cart.lines) }).then(
        (quote) => {
          if (asked.current[cart.shopId] !== mine) return;
          refreshFromQuote(cart.shopId, quote);
          setQuotes((shown) => ({ ...shown, [cart.shopId]: { quote, error: null } }));
        },
        (failure: unknown) => {
          if (asked.current[cart.shopId] !== mine) return;
          setQuotes((shown) => ({ ...shown, [cart.shopId]: { quote: shown[cart.shopId]?.quote ?? null, error: messageOf(failure) } }));
        },
      );
    },
    [orders],
  );

  const reload = useCallback(() => {
    const fresh = loadCarts();
    setCarts(fresh);
    fresh.forEach(requote);
  }, [requote]);

  useEffect(() => {
    reload();
  }, [reload]);
  useOnChange(shownAgain, reload);

  function changed(shopId: string, next: ShopCart[]) {
    setCarts(next);
    const cart = next.find((c) => c.shopId === shopId);
    if (cart) requote(cart);
  }

  async function remove(cart: ShopCart, line: CartLine) {
    const yes = await confirm(t('cart.removeTitle'), line.title, t('cart.remove'), t('common.cancel'));
    if (yes) changed(cart.shopId, removeLines(cart.shopId, [line.variantId]));
  }

  if (carts.length === 0) {
    return (
      <View className='screen cart'>
        <EmptyState mark='车' title={t('cart.emptyTitle')} hint={t('cart.emptyHint')} />
        <Button className='big-button cart-browse' onClick={openHome}>{t('cart.browse')}</Button>
      </View>
    );
  }

  return (
    <View className='screen cart'>
      {carts.map((cart) => {
        const state = quotes[cart.shopId];
        const quote = state?.quote ?? null;
        const quoted = new Map((quote?.lines ?? []).map((line) => [line.variantId, line]));
        const hasProblem = cart.lines.some((line) => !!quoted.get(line.variantId)?.problem);
        const paused = quote ? !quote.shop.acceptingOrders : false;
        return (
          <View key={cart.shopId} className='card cart-shop'>
            <View className='section-title cart-shop__name'>{quote?.shop.name ?? cart.shopName}</View>
            {paused && <View className='message notice' role='status'>{t('product.shopPaused')}</View>}
            {cart.lines.map((line) => (
              <CartLineRow
                key={line.variantId}
                line={line}
                quoted={quoted.get(line.variantId)}
                onQuantity={(quantity) => changed(cart.shopId, setQuantity(cart.shopId, line.variantId, quantity))}
                onRemove={() => void remove(cart, line)}
              />
            ))}
            {state?.error && <View className='hint cart-shop__offline'>{t('cart.pricesNotChecked', { why: state.error })}</View>}
            <View className='cart-shop__total'>
              <Text>{t('cart.subtotal')}</Text>
              <Text className='price price--big'>{formatFen(cartSubtotalFen(cart.lines, quote))}</Text>
            </View>
            {hasProblem && <View className='message error' role='alert'>{t('cart.fixProblems')}</View>}
            <Button
              className='big-button cart-checkout'
              disabled={hasProblem || paused ? true : undefined}
              onClick={() => go('checkout', { shop: cart.shopId })}
            >
              {t('cart.checkout')}
            </Button>
          </View>
        );
      })}
    </View>
  );
}
