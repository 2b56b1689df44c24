// Storing an uploaded photo: checked by content, turned upright, stripped of every piece of
// metadata (a farm's GPS position is private) and kept as three content-addressed JPEGs.
import type { Types } from 'mongoose';
import type { Services } from '../services';
import type { PhotoDoc } from '../models/photo';
import { encodeJpeg, fromPixels, uprightPixels } from './images';
import { isDuplicateKey } from '../db/errors';

/** The three sizes (contract/photos.ts says where each is used). */
export const PHOTO_SIZES = { thumb: 240, display: 750, large: 1500 } as const;
/** The large copy may be at most this many times taller than wide: a long strip must not become a huge buffer. */
const MAX_ASPECT = 4;


/**
 * Stores a photo for `userId`. The same picture uploaded twice (by anyone) is the same photo: the
 * first uploader is its owner, and everyone who uploaded it may use it (see photosOwnedBy).
 */
export async function storePhoto(services: Services, userId: Types.ObjectId, bytes: Buffer, field = 'file'): Promise<PhotoDoc> {
  // One decode, at most the large size: every copy is encoded from these upright, metadata-free pixels.
  const pixels = await uprightPixels(bytes, field, {
    width: PHOTO_SIZES.large,
    height: PHOTO_SIZES.large * MAX_ASPECT,
    fit: 'inside',
    withoutEnlargement: true,
  });
  const [large, display, thumb] = await Promise.all([
    encodeJpeg(fromPixels(pixels)),
    encodeJpeg(fromPixels(pixels).resize({ width: PHOTO_SIZES.display, withoutEnlargement: true })),
    encodeJpeg(fromPixels(pixels).resize(PHOTO_SIZES.thumb, PHOTO_SIZES.thumb, { fit: 'cover' }), 78),
  ]);
  const [largeFile, displayFile, thumbFile] = await Promise.all([
    services.files.put(large.data, 'image/jpeg'),
    services.files.put(display.data, 'image/jpeg'),
    services.files.put(thumb.data, 'image/jpeg'),
  ]);
  const upsert = () =>
    services.models.Photo.findOneAndUpdate(
      { _id: displayFile.id },
      {
        $setOnInsert: {
          ownerId: userId,
          thumbFileId: thumbFile.id,
          largeFileId: largeFile.id,
          width: display.info.width,
          height: display.info.height,
        },
        $addToSet: { uploaderIds: userId },
      },
      { upsert: true, new: true },
    );
  try {
    return (await upsert()) as PhotoDoc;
  } catch (err) {
    // Two uploads of one picture at the same moment: one insert wins, the other becomes an update.
    if (isDuplicateKey(err)) return (await upsert()) as PhotoDoc;
    throw err;
  }
}

/** Which of these photo ids this user may use (uploaded themselves); the rest are someone else's or unknown. */
export async function photosOwnedBy(services: Services, userId: Types.ObjectId, ids: Iterable<string>): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const docs = await services.models.Photo.find({ _id: { $in: unique }, uploaderIds: userId }, { _id: 1 }).lean();
  return new Set(docs.map((d) => d._id));
}
