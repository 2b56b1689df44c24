// The cart kept on the phone: one per shop, merging the same pack, within the order limits, and
// surviving damaged storage.
import { ORDER_LINES_MAX, ORDER_QUANTITY_MAX } from '../../contract/limits';
import type { QuoteView } from '../../contract/orders';
import {
  addToCart, cartLineCount, clearCart, loadCart, loadCarts, orderLinesOf, refreshFromQuote, removeLines, setQuantity, type CartLine,
} from '../../miniprogram/src/services/cart';
import { photo } from './fixtures';
import { resetTaro, taro } from './stubs/taro';

const shop = { id: 'a'.repeat(24), name: '克东王家合作社' };
const other = { id: 'b'.repeat(24), name: '山西小米社' };

function line(n: number, quantity = 1): CartLine {
  return { productId: `${n}`.padStart(24, 'c'), variantId: `${n}`.padStart(24, 'd'), quantity, title: `东北小米 ${n}`, variantName: '2.5公斤袋装', priceFen: 3800, netWeightGrams: 2500, cover: photo(n) };
}

beforeEach(() => resetTaro());

test('adding keeps one cart per shop, newest first, and the same pack again adds to its quantity', () => {
  expect(addToCart(shop, line(1, 2), 1000)).toBe('added');
  expect(addToCart(other, line(2), 2000)).toBe('added');
  expect(addToCart(shop, line(1, 3), 3000)).toBe('added');
  const carts = loadCarts();
  expect(carts.map((c) => c.shopId)).toEqual([shop.id, other.id]);
  expect(carts[0].lines).toHaveLength(1);
  expect(carts[0].lines[0].quantity).toBe(5);
  expect(cartLineCount()).toBe(2);
  expect(orderLinesOf(carts[0].lines)).toEqual([{ productId: line(1).productId, variantId: line(1).variantId, quantity: 5 }]);
});

test('quantities stay within 1..ORDER_QUANTITY_MAX and a shop cart holds at most ORDER_LINES_MAX lines', () => {
  addToCart(shop, line(1, ORDER_QUANTITY_MAX));
  addToCart(shop, line(1, 5));
  expect(loadCart(shop.id)?.lines[0].quantity).toBe(ORDER_QUANTITY_MAX);
  setQuantity(shop.id, line(1).variantId, 0);
  expect(loadCart(shop.id)?.lines[0].quantity).toBe(1);
  for (let n = 2; n <= ORDER_LINES_MAX; n += 1) expect(addToCart(shop, line(n))).toBe('added');
  expect(addToCart(shop, line(ORDER_LINES_MAX + 1))).toBe('full');
  // More of a pack already in the cart is still fine.
  expect(addToCart(shop, line(2))).toBe('added');
});

test('removing lines, and clearing, leave the other shops alone; an empty cart disappears', () => {
  addToCart(shop, line(1));
  addToCart(shop, line(2));
  addToCart(other, line(3));
  removeLines(shop.id, [line(1).variantId]);
  expect(loadCart(shop.id)?.lines.map((l) => l.title)).toEqual(['东北小米 2']);
  clearCart(shop.id);
  expect(loadCart(shop.id)).toBeNull();
  expect(loadCarts().map((c) => c.shopId)).toEqual([other.id]);
});

test('what an older build or damage left in storage is skipped, not shown', () => {
  taro.setStorageSync('cunshop.cart', [
    { shopId: shop.id, shopName: 'x', updatedAt: 1, lines: [line(1), { productId: 1 }, { ...line(2), quantity: -3 }] },
    { nonsense: true },
    'junk',
  ]);
  expect(loadCarts()).toEqual([{ shopId: shop.id, shopName: 'x', updatedAt: 1, lines: [line(1)] }]);
  taro.setStorageSync('cunshop.cart', { not: 'a list' });
  expect(loadCarts()).toEqual([]);
});

test('a quote brings the kept prices and titles up to date without touching quantities', () => {
  addToCart(shop, line(1, 4));
  const quote = {
    shop: { id: shop.id, name: '王家合作社', logo: null, acceptingOrders: true },
    lines: [{ ...line(1), title: '新米', priceFen: 4000, quantity: 4, lineFen: 16000, available: 10, problem: null }],
  } as unknown as QuoteView;
  refreshFromQuote(shop.id, quote);
  const cart = loadCart(shop.id);
  expect(cart?.shopName).toBe('王家合作社');
  expect(cart?.lines[0]).toMatchObject({ title: '新米', priceFen: 4000, quantity: 4 });
});
