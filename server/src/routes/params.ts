// Path parameters of the catalog routes: ids are ObjectIds, refused with a named field otherwise.
import { z } from 'zod';

const objectId = z.string().regex(/^[a-f0-9]{24}$/, 'must be an id');

export const ShopParams = z.object({ shopId: objectId }).strict();
export const ProductParams = z.object({ productId: objectId }).strict();
export const OrderParams = z.object({ orderId: objectId }).strict();
