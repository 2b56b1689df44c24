// The short `scene` inside a mini-program code (WeChat allows 32 characters), mapped back to the
// product or shop it opens and the person who shared it. One per (product, sharer).
import { Schema, Types, type Connection, type HydratedDocument, type Model } from 'mongoose';

export interface ShareScene {
  _id: string;
  shopId: Types.ObjectId;
  productId: Types.ObjectId | null;
  sharerId: Types.ObjectId | null;
  /** The mini-program code WeChat drew for this scene, kept so later posters need no new one. */
  codeFileId: string | null;
  createdAt: Date;
}

export type ShareSceneDoc = HydratedDocument<ShareScene>;
export type ShareSceneModel = Model<ShareScene>;

export const shareSceneSchema = new Schema<ShareScene>(
  {
    _id: { type: String, required: true },
    shopId: { type: Schema.Types.ObjectId, required: true },
    productId: { type: Schema.Types.ObjectId, default: null },
    sharerId: { type: Schema.Types.ObjectId, default: null },
    codeFileId: { type: String, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false }, strict: 'throw' },
);
shareSceneSchema.index({ shopId: 1, productId: 1, sharerId: 1 }, { unique: true });

export const defineShareSceneModel = (conn: Connection): ShareSceneModel => conn.model<ShareScene>('ShareScene', shareSceneSchema);
