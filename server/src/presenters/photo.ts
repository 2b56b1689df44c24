// Photo documents → the API's Photo shape (three sized URLs). Products and shops reference photos
// by id; loadPhotos() fetches them in one query for a whole page of results.
import type { PhotoView } from '../../../contract/photos';
import { fileUrl } from '../../../contract/paths';
import type { Photo } from '../models/photo';
import type { Services } from '../services';

export function presentPhoto(photo: Pick<Photo, '_id' | 'thumbFileId' | 'largeFileId' | 'width' | 'height'>): PhotoView {
  return {
    id: photo._id,
    thumbUrl: fileUrl(photo.thumbFileId),
    url: fileUrl(photo._id),
    largeUrl: fileUrl(photo.largeFileId),
    width: photo.width,
    height: photo.height,
  };
}

/** The photos with these ids, presented; ids with no photo are absent from the map. */
export async function loadPhotos(services: Services, ids: Iterable<string>): Promise<Map<string, PhotoView>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const docs = await services.models.Photo.find({ _id: { $in: unique } }).lean();
  return new Map(docs.map((d) => [d._id, presentPhoto(d)]));
}
