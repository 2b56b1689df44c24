// Checks that data read back from the phone's storage (kept by an older build, or damaged) still
// has the shape the code expects, before anything renders it.
import type { PhotoView } from '../../../contract/photos';
import type { RegionPath } from '../../../contract/regions';

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export const isString = (value: unknown): value is string => typeof value === 'string';

export function isPhotoView(value: unknown): value is PhotoView {
  return isRecord(value) && isString(value.id) && isString(value.thumbUrl) && isString(value.url) && isString(value.largeUrl);
}

export function isRegionPath(value: unknown): value is RegionPath {
  return isRecord(value) && (['province', 'city', 'county'] as const).every((level) => {
    const region = value[level];
    return isRecord(region) && isString(region.code) && isString(region.name);
  });
}
