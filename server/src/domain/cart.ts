// Prices a cart from the products as they are NOW (price, pack weight, title, stock) and the shop's
// shipping template: the one calculation behind both the checkout quote and placing an order, so
// the total a buyer is shown is the total they are charged.
import { Types } from 'mongoose';
import type { LineProblem, OrderLineInput } from '../../../contract/orders';
import { packsAvailable } from '../../../contract/pricing';
import { provinceOf, shippingFeeFor } from '../../../contract/shipping-fee';
import type { Services } from '../services';
import type { ProductRecord, Variant } from '../models/product';
import type { ShopRecord } from '../models/shop';
import { WITHOUT_HOLDS } from './catalog';
import { provinces } from './regions';

export interface PricedLine {
  input: OrderLineInput;
  product: ProductRecord | null;
  variant: Variant | null;
  /** Packs that can be bought now. */
  available: number;
  problem: LineProblem | null;
  lineFen: number;
}

export type CartShipping = { ships: true; fen: number; free: boolean } | { ships: false; province: { code: string; name: string } };

export interface PricedCart {
  lines: PricedLine[];
  /** Lines that can be bought as asked. */
  subtotalFen: number;
  goodsGrams: number;
  /** Goods plus the shop's packaging. */
  weightGrams: number;
  /** Null without a region. */
  shipping: CartShipping | null;
  totalFen: number;
}

/** The province's name for a region code's first two digits; null when there is no such province. */
export function provinceNamed(regionCode: string): { code: string; name: string } | null {
  const code = provinceOf(regionCode);
  return provinces().find((p) => p.code === code) ?? null;
}

/** The cart's products, in one query (stock holds left out). */
export async function loadCartProducts(services: Services, lines: OrderLineInput[]): Promise<Map<string, ProductRecord>> {
  const ids = [...new Set(lines.map((l) => l.productId))].map((id) => new Types.ObjectId(id));
  const products = await services.models.Product.find({ _id: { $in: ids } }, WITHOUT_HOLDS).lean<ProductRecord[]>();
  return new Map(products.map((p) => [String(p._id), p]));
}

function priceLine(shop: ShopRecord, products: Map<string, ProductRecord>, input: OrderLineInput): PricedLine {
  const found = products.get(input.productId);
  // Another shop's product is as unavailable here as one taken off the shelf.
  const product = found && found.shopId.equals(shop._id) ? found : null;
  const variant = product?.variants.find((v) => String(v._id) === input.variantId) ?? null;
  if (!product || !variant || product.status !== 'on_sale') return { input, product, variant, available: 0, problem: 'unavailable', lineFen: 0 };
  const available = packsAvailable(product.stockMode, variant, product.bulkStockGrams);
  const problem: LineProblem | null = available === 0 ? 'sold_out' : available < input.quantity ? 'not_enough' : null;
  return { input, product, variant, available, problem, lineFen: variant.priceFen * input.quantity };
}

/**
 * Prices the lines that can be bought as asked (lines with a problem add nothing), with shipping to
 * `regionCode` (a county, city or province code) when given.
 */
export function priceCart(shop: ShopRecord, products: Map<string, ProductRecord>, inputs: OrderLineInput[], regionCode?: string): PricedCart {
  const lines = inputs.map((input) => priceLine(shop, products, input));
  const buyable = lines.filter((l) => l.problem === null);
  const subtotalFen = buyable.reduce((sum, l) => sum + l.lineFen, 0);
  const goodsGrams = buyable.reduce((sum, l) => sum + (l.variant as Variant).netWeightGrams * l.input.quantity, 0);
  const template = shop.orderSettings.shipping;
  const weightGrams = goodsGrams + template.packagingGrams;
  let shipping: CartShipping | null = null;
  if (regionCode !== undefined) {
    const fee = shippingFeeFor(template, regionCode, goodsGrams, subtotalFen);
    const province = provinceNamed(regionCode) ?? { code: provinceOf(regionCode), name: '' };
    shipping = fee.ships ? { ships: true, fen: fee.fen, free: fee.free } : { ships: false, province };
  }
  const totalFen = subtotalFen + (shipping?.ships ? shipping.fen : 0);
  return { lines, subtotalFen, goodsGrams, weightGrams, shipping, totalFen };
}
