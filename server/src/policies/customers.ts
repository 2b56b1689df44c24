// Who may see and change a shop's buyer records ("customers"). They follow the shop's private
// side (policies/shops.ts): the owner and operators read them (everyone else gets 404, so a
// stranger learns nothing), and only the owner writes notes and tags (an operator gets 403).
import { shopPolicy, type Actor, type ShopOwnership } from './shops';

export const customerPolicy = {
  /** The list, a customer's page, the dashboard and the pick list (which has full phones for waybills). */
  view: (actor: Actor, shop: ShopOwnership) => shopPolicy.viewPrivate(actor, shop),
  /** Notes and tags: the seller's own words about their buyers. */
  manage: (actor: Actor, shop: ShopOwnership) => shopPolicy.manage(actor, shop),
};
