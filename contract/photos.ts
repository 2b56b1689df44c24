// Photos people upload (product photos, shop logos): stored once, served in three sizes.
import { z } from './openapi';

/** A photo's id: the id of its stored display-size file. */
export const PhotoId = z.string().regex(/^[a-f0-9]{64}$/, 'must be a photo id');

export const PhotoView = z
  .object({
    id: PhotoId,
    /** 240 px wide square crop: lists and cart. */
    thumbUrl: z.string(),
    /** Up to 750 px wide: the product page. */
    url: z.string(),
    /** Up to 1500 px wide: zoomed-in viewing and the poster. */
    largeUrl: z.string(),
    width: z.number().int(),
    height: z.number().int(),
  })
  .openapi('Photo');
export type PhotoView = z.infer<typeof PhotoView>;
