// Who may change a shop's buyer records ("customers"). Reading them follows the shop's private
// side (shopPolicy.viewPrivate through domain/shops.ts shopToInspect: the owner and operators;
// everyone else gets 404, so a stranger learns nothing); only the owner writes notes and tags
// (an operator gets 403).
import { shopPolicy, type Actor, type ShopOwnership } from './shops';

export const customerPolicy = {
  /** Notes and tags: the seller's own words about their buyers. */
  manage: (actor: Actor, shop: ShopOwnership) => shopPolicy.manage(actor, shop),
};
