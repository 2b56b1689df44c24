// An uploaded photo: three re-encoded sizes, each a content-addressed file. The id is the display
// file's id, so the same picture uploaded twice is one photo. `ownerId` is whoever uploaded it
// first; `uploaderIds` is everyone who uploaded these bytes, each of whom may use the photo (a
// seller re-uploading a picture someone else uploaded first must not be locked out of it).
import { Schema, Types, type Connection, type HydratedDocument, type Model } from 'mongoose';
import { integer } from './fields';

export interface Photo {
  _id: string;
  ownerId: Types.ObjectId;
  uploaderIds: Types.ObjectId[];
  thumbFileId: string;
  largeFileId: string;
  width: number;
  height: number;
  createdAt: Date;
}

export type PhotoDoc = HydratedDocument<Photo>;
export type PhotoModel = Model<Photo>;

export const photoSchema = new Schema<Photo>(
  {
    _id: { type: String, required: true },
    ownerId: { type: Schema.Types.ObjectId, required: true, index: true },
    uploaderIds: { type: [Schema.Types.ObjectId], default: [], index: true },
    thumbFileId: { type: String, required: true },
    largeFileId: { type: String, required: true },
    width: integer({ required: true }),
    height: integer({ required: true }),
  },
  { timestamps: { createdAt: true, updatedAt: false }, strict: 'throw' },
);

export const definePhotoModel = (conn: Connection): PhotoModel => conn.model<Photo>('Photo', photoSchema);
