// The buyer's carts, kept on the phone (not the server) so a dropped network or a closed app
// loses nothing: one cart per shop, since an order holds one shop's goods. Each line keeps what
// the product page showed (title, price, cover) to draw the cart offline; the server's quote
// decides what is really charged and refreshes these when it answers.
import Taro from '@tarojs/taro';
import type { PhotoView } from '../../../contract/photos';
import type { OrderLineInput, QuoteView } from '../../../contract/orders';
import { ORDER_LINES_MAX, ORDER_QUANTITY_MAX } from '../../../contract/limits';
import { isPhotoView, isRecord, isString } from '../utils/shapes';

export interface CartLine {
  productId: string;
  variantId: string;
  /** Whole packs, 1..ORDER_QUANTITY_MAX. */
  quantity: number;
  title: string;
  variantName: string;
  priceFen: number;
  netWeightGrams: number;
  cover: PhotoView | null;
}

export interface ShopCart {
  shopId: string;
  shopName: string;
  lines: CartLine[];
  /** When it last changed, ms since the epoch: the newest cart is listed first. */
  updatedAt: number;
}

export type AddResult = 'added' | 'full';

const CART_KEY = 'cunshop.cart';

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);

function isCartLine(value: unknown): value is CartLine {
  return (
    isRecord(value) &&
    isString(value.productId) &&
    isString(value.variantId) &&
    isCount(value.quantity) &&
    value.quantity >= 1 &&
    isString(value.title) &&
    isString(value.variantName) &&
    isCount(value.priceFen) &&
    isCount(value.netWeightGrams) &&
    (value.cover === null || isPhotoView(value.cover))
  );
}

function isShopCart(value: unknown): value is ShopCart {
  return isRecord(value) && isString(value.shopId) && isString(value.shopName) && isCount(value.updatedAt) && Array.isArray(value.lines);
}

export const clampQuantity = (quantity: number): number => Math.min(ORDER_QUANTITY_MAX, Math.max(1, Math.floor(quantity) || 1));

/** Every cart with something in it, newest first; what an older build or damage left is skipped. */
export function loadCarts(): ShopCart[] {
  let stored: unknown;
  try {
    stored = Taro.getStorageSync(CART_KEY);
  } catch {
    return [];
  }
  if (!Array.isArray(stored)) return [];
  return stored
    .filter(isShopCart)
    .map((cart) => ({ ...cart, lines: cart.lines.filter(isCartLine).map((line) => ({ ...line, quantity: clampQuantity(line.quantity) })) }))
    .filter((cart) => cart.lines.length > 0)
    .sort((a, b) => b.updatedAt - a.updatedAt);
}

function store(carts: ShopCart[]): void {
  try {
    Taro.setStorageSync(CART_KEY, carts.filter((cart) => cart.lines.length > 0));
  } catch {
    // The phone's storage is full: the cart on screen still works until the page closes.
  }
}

export function loadCart(shopId: string): ShopCart | null {
  return loadCarts().find((cart) => cart.shopId === shopId) ?? null;
}

/** Changes one shop's cart and stores the result. */
function change(shopId: string, edit: (cart: ShopCart) => ShopCart, shopName?: string, now = Date.now()): ShopCart[] {
  const carts = loadCarts();
  const existing = carts.find((cart) => cart.shopId === shopId) ?? { shopId, shopName: shopName ?? '', lines: [], updatedAt: now };
  const edited = { ...edit(existing), updatedAt: now };
  const next = [edited, ...carts.filter((cart) => cart.shopId !== shopId)];
  store(next);
  return next.filter((cart) => cart.lines.length > 0);
}

/** Adds packs of a variant; the same variant again adds to its quantity (at most ORDER_QUANTITY_MAX). */
export function addToCart(shop: { id: string; name: string }, line: CartLine, now = Date.now()): AddResult {
  const cart = loadCart(shop.id);
  const present = cart?.lines.some((l) => l.variantId === line.variantId) ?? false;
  if (!present && (cart?.lines.length ?? 0) >= ORDER_LINES_MAX) return 'full';
  change(
    shop.id,
    (existing) => ({
      ...existing,
      shopName: shop.name,
      lines: present
        ? existing.lines.map((l) => (l.variantId === line.variantId ? { ...line, quantity: clampQuantity(l.quantity + line.quantity) } : l))
        : [...existing.lines, { ...line, quantity: clampQuantity(line.quantity) }],
    }),
    shop.name,
    now,
  );
  return 'added';
}

export function setQuantity(shopId: string, variantId: string, quantity: number): ShopCart[] {
  return change(shopId, (cart) => ({
    ...cart,
    lines: cart.lines.map((line) => (line.variantId === variantId ? { ...line, quantity: clampQuantity(quantity) } : line)),
  }));
}

export function removeLines(shopId: string, variantIds: string[]): ShopCart[] {
  const gone = new Set(variantIds);
  return change(shopId, (cart) => ({ ...cart, lines: cart.lines.filter((line) => !gone.has(line.variantId)) }));
}

export function clearCart(shopId: string): ShopCart[] {
  return change(shopId, (cart) => ({ ...cart, lines: [] }));
}

/** Lines in every cart: the number on the cart button. */
export function cartLineCount(): number {
  return loadCarts().reduce((sum, cart) => sum + cart.lines.length, 0);
}

/** What the server is asked to price or order. */
export function orderLinesOf(lines: Pick<CartLine, 'productId' | 'variantId' | 'quantity'>[]): OrderLineInput[] {
  return lines.map(({ productId, variantId, quantity }) => ({ productId, variantId, quantity }));
}

/**
 * Brings the kept titles, prices and covers up to date from a quote, without touching quantities
 * (the buyer's choice) or the order of lines; keeps the cart drawing right the next time offline.
 */
export function refreshFromQuote(shopId: string, quote: QuoteView): void {
  const cart = loadCart(shopId);
  if (!cart) return;
  const byVariant = new Map(quote.lines.map((line) => [line.variantId, line]));
  const refreshed = cart.lines.map((line) => {
    const quoted = byVariant.get(line.variantId);
    return quoted
      ? { ...line, title: quoted.title, variantName: quoted.variantName, priceFen: quoted.priceFen, netWeightGrams: quoted.netWeightGrams, cover: quoted.cover }
      : line;
  });
  const carts = loadCarts().map((c) => (c.shopId === shopId ? { ...c, shopName: quote.shop.name, lines: refreshed } : c));
  store(carts);
}
