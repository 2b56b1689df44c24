// Who may do what with a shop. Handlers ask here; nothing else decides.
//
// The five kinds of people: anonymous, a buyer, the seller of another shop, the owner, an operator.
// Refusals follow one rule: reading something private that is not yours answers 404 (it does
// not say whether it exists); acting on something that is not yours answers 403.
import type { Types } from 'mongoose';
import { AppError, notFound } from '../errors';
import type { UserDoc } from '../models/user';

/** The person asking: a logged-in user, or nobody on public routes. */
export type Actor = UserDoc | undefined;

export interface ShopOwnership {
  ownerId: Types.ObjectId;
  suspended: unknown;
}

export const isOperator = (actor: Actor): boolean => Boolean(actor?.roles.includes('operator'));

export const ownsShop = (actor: Actor, shop: Pick<ShopOwnership, 'ownerId'>): boolean => Boolean(actor && shop.ownerId.equals(actor._id));

export const shopPolicy = {
  /** Anyone sees a shop the platform has not suspended; its owner and operators see it anyway. */
  view: (actor: Actor, shop: ShopOwnership) => !shop.suspended || ownsShop(actor, shop) || isOperator(actor),
  /** The private view (version, suspension, product counts, listings, drafts). */
  viewPrivate: (actor: Actor, shop: ShopOwnership) => ownsShop(actor, shop) || isOperator(actor),
  /** Edit, pause, reopen, and manage its products: the owner only, not even operators. */
  manage: (actor: Actor, shop: ShopOwnership) => ownsShop(actor, shop),
  /** The platform's switches: list every shop, suspend and unsuspend. */
  moderate: (actor: Actor) => isOperator(actor),
};

/** Refuses a read as 404 (naming what was not found). */
export function authorizeRead(allowed: boolean, what: string): void {
  if (!allowed) throw notFound(what);
}

/** Refuses an action as 403. */
export function authorizeAction(allowed: boolean, message: string): void {
  if (!allowed) throw new AppError('FORBIDDEN', message);
}
