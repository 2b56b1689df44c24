// Who may see and change a product. A product's rights follow its shop's (policies/shops.ts):
// the owner manages it, operators read and moderate it, everyone else sees it only on sale.
import { isOperator, shopPolicy, type Actor, type ShopOwnership } from './shops';

export interface ProductVisibility {
  status: 'draft' | 'on_sale' | 'off_shelf';
}

export const productPolicy = {
  /** Anyone sees a product on sale in a shop they may see (a suspended shop: its owner and operators). */
  viewPublic: (actor: Actor, product: ProductVisibility, shop: ShopOwnership) => product.status === 'on_sale' && shopPolicy.view(actor, shop),
  /** The editor's view, with stock, version and review state. */
  viewPrivate: (actor: Actor, shop: ShopOwnership) => shopPolicy.viewPrivate(actor, shop),
  /** Create, edit, publish, unpublish, delete, restock: the shop's owner. */
  manage: (actor: Actor, shop: ShopOwnership) => shopPolicy.manage(actor, shop),
  /** The review queue, clearing a flag, taking a product down. */
  moderate: (actor: Actor) => isOperator(actor),
};
