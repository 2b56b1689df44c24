// China's administrative divisions (GB/T 2260 six-digit codes): province, city, county.
import { z } from './openapi';

/** A six-digit division code: 110000 province, 110100 city, 110101 county. */
export const RegionCode = z.string().regex(/^\d{6}$/, 'must be a six-digit administrative division code');

export const Region = z.object({ code: RegionCode, name: z.string() }).openapi('Region');
export type Region = z.infer<typeof Region>;

/** A county and the city and province it belongs to, as stored with shops and origins. */
export const RegionPath = z
  .object({ province: Region, city: Region, county: Region })
  .openapi('RegionPath');
export type RegionPath = z.infer<typeof RegionPath>;

/** GET /regions: provinces, or the children of `parent`. */
export const RegionListQuery = z.object({ parent: RegionCode.optional() }).strict();
export const RegionList = z.object({ items: z.array(Region) }).openapi('RegionList');
export type RegionList = z.infer<typeof RegionList>;
