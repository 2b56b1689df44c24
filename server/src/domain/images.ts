// Image checks and processing for everything people upload. The type is decided by the bytes,
// never by the file name; pixel count is bounded before decoding (decompression bombs); the
// output is re-encoded, which drops every piece of metadata, GPS included.
import sharp from 'sharp';
import { validationError } from '../errors';

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

/** Sniffs JPEG, PNG and WebP by their magic numbers. */
export function sniffImageType(bytes: Buffer): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** 40 megapixels: more than any phone photo, far less than a bomb. */
export const MAX_INPUT_PIXELS = 40_000_000;

export async function checkedImage(bytes: Buffer, field: string) {
  const type = sniffImageType(bytes);
  if (!type) throw validationError([{ path: field, message: 'The file must be a JPEG, PNG or WebP image', code: 'invalid_type' }]);
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw validationError([{ path: field, message: 'The image is damaged or incomplete', code: 'invalid_type' }]);
  }
  if (!meta.width || !meta.height || meta.width * meta.height > MAX_INPUT_PIXELS) {
    throw validationError([{ path: field, message: `The image is larger than ${MAX_INPUT_PIXELS / 1_000_000} megapixels`, code: 'too_big' }]);
  }
  return { type, width: meta.width, height: meta.height };
}

/** Every stored copy is a JPEG like this one: mozjpeg keeps photos small for weak networks. */
export const encodeJpeg = (img: sharp.Sharp, quality = 82) => img.jpeg({ quality, mozjpeg: true }).toBuffer({ resolveWithObject: true });

/**
 * An uploaded picture checked by content, decoded once, turned upright by its EXIF orientation and
 * resized, as raw pixels. Everything stored is encoded from these pixels, so no metadata (EXIF,
 * GPS, XMP, comments) can survive into a stored copy.
 */
export async function uprightPixels(bytes: Buffer, field: string, size: sharp.ResizeOptions): Promise<Pixels> {
  await checkedImage(bytes, field);
  try {
    // Flatten: a transparent PNG's background becomes white, not JPEG's black.
    return await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize(size)
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw validationError([{ path: field, message: 'The image is damaged or incomplete', code: 'invalid_type' }]);
  }
}

export interface Pixels {
  data: Buffer;
  info: sharp.OutputInfo;
}

/** A sharp pipeline over pixels from uprightPixels(). */
export const fromPixels = ({ data, info }: Pixels) => sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });

/** A square avatar: rotated upright by EXIF, cropped to the centre, re-encoded without metadata. */
export async function renderAvatar(bytes: Buffer, field: string): Promise<Buffer> {
  const pixels = await uprightPixels(bytes, field, { width: 256, height: 256, fit: 'cover' });
  return (await encodeJpeg(fromPixels(pixels), 85)).data;
}
