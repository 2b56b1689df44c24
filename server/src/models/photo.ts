// An uploaded photo: three re-encoded sizes, each a content-addressed file. The id is the display
// file's id, so the same picture uploaded twice is one photo.
import { Schema, Types, type Connection, type HydratedDocument, type Model } from 'mongoose';
import { integer } from './fields';

export interface Photo {
  _id: string;
  ownerId: Types.ObjectId;
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
    thumbFileId: { type: String, required: true },
    largeFileId: { type: String, required: true },
    width: integer({ required: true }),
    height: integer({ required: true }),
  },
  { timestamps: { createdAt: true, updatedAt: false }, strict: 'throw' },
);

export const definePhotoModel = (conn: Connection): PhotoModel => conn.model<Photo>('Photo', photoSchema);
