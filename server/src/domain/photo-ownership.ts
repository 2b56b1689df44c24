// Shops and products may show only photos their seller uploaded: a photo id is not a capability,
// and one seller must not put another's pictures in their shop.
import type { Types } from 'mongoose';
import type { FieldIssue } from '../../../contract/errors';
import type { Services } from '../services';
import { photosOwnedBy } from './photos';

export interface PhotoRef {
  /** The request field that names the photo, e.g. `photoIds.2`. */
  path: string;
  id: string;
}

/** One issue for each reference that is not a photo this person uploaded. */
export async function foreignPhotoIssues(services: Services, ownerId: Types.ObjectId, refs: PhotoRef[]): Promise<FieldIssue[]> {
  if (refs.length === 0) return [];
  const ownIds = await photosOwnedBy(services, ownerId, refs.map((r) => r.id));
  return refs
    .filter((r) => !ownIds.has(r.id))
    .map((r) => ({ path: r.path, message: 'must be a photo you uploaded', code: 'photo_not_found' }));
}
