// Photo upload for weak networks: compressed on the phone first, one file per request, progress
// reported, one automatic retry when the network drops; after that the person can retry by hand.
import type { PhotoView } from '../../../contract/photos';
import { ApiError } from './http';

export interface PhotoUploadDeps {
  uploadPhoto(filePath: string, onProgress?: (percent: number) => void): Promise<PhotoView>;
  /** Shrinks the photo where the platform can (see platform.compressForUpload). */
  compress(filePath: string): Promise<string>;
}

export type UploadPhoto = (filePath: string, onProgress?: (percent: number) => void) => Promise<PhotoView>;

function dropped(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'NETWORK' || error.code === 'TIMEOUT');
}

export function createPhotoUpload(deps: PhotoUploadDeps): UploadPhoto {
  return async (filePath, onProgress) => {
    const small = await deps.compress(filePath);
    onProgress?.(0);
    try {
      return await deps.uploadPhoto(small, onProgress);
    } catch (error) {
      // A refused photo (too large, not an image) would be refused again; only the network is retried.
      if (!dropped(error)) throw error;
      onProgress?.(0);
      return deps.uploadPhoto(small, onProgress);
    }
  };
}
