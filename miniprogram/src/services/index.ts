// The app's one API client, set up for the platform this build targets.
import { createClient } from './client';
import { apiBase, compressForUpload, weChatLoginCode } from './platform';
import { createPhotoUpload } from './upload';

export const client = createClient({ baseUrl: apiBase(), weChatLoginCode });

export { ApiError } from './http';
export type { Account, Client } from './client';
export type { Catalog } from './catalog';
export type { Orders } from './orders';
export type { Seller } from './seller';
export type { SellerOrders } from './seller-orders';
export type { Operator } from './operator';

/** Product photos and logos: compressed, uploaded one per request, retried once on a dropped network. */
export const uploadPhoto = createPhotoUpload({ uploadPhoto: client.uploadPhoto, compress: compressForUpload });
