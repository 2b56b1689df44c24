// What a checkout orders, from its URL so a reload (H5) or a restored page (WeChat) finds it
// again: `buy=productId.variantId.quantity` for "buy now", else the shop's cart on this phone.
import type { OrderLineInput } from '../../../../contract/orders';
import { ORDER_QUANTITY_MAX } from '../../../../contract/limits';
import { loadCart, orderLinesOf } from '../../services/cart';

const ID = /^[a-f0-9]{24}$/;

export function parseBuyNow(param: string | undefined): OrderLineInput | null {
  if (!param) return null;
  const [productId, variantId, count] = param.split('.');
  const quantity = Number(count);
  if (!ID.test(productId ?? '') || !ID.test(variantId ?? '') || !Number.isInteger(quantity) || quantity < 1 || quantity > ORDER_QUANTITY_MAX) {
    return null;
  }
  return { productId, variantId, quantity };
}

export interface CheckoutLines {
  lines: OrderLineInput[];
  /** From the cart: placed lines then leave it. */
  fromCart: boolean;
}

export function checkoutLines(shopId: string, buy: string | undefined): CheckoutLines {
  if (buy !== undefined) {
    const line = parseBuyNow(buy);
    return { lines: line ? [line] : [], fromCart: false };
  }
  return { lines: orderLinesOf(loadCart(shopId)?.lines ?? []), fromCart: true };
}
