// A remembered answer to a request sent with an `Idempotency-Key`: the same key sent again (a
// double tap, a retry after a dropped connection) gets this answer instead of a second action.
import { Schema, Types, type Connection, type HydratedDocument, type Model } from 'mongoose';
import { integer } from './fields';

export interface IdempotencyKey {
  userId: Types.ObjectId;
  key: string;
  /** Method, path and body hashed: the same key with another request is refused. */
  requestHash: string;
  state: 'pending' | 'done';
  status: number | null;
  body: unknown;
  createdAt: Date;
}

export type IdempotencyKeyDoc = HydratedDocument<IdempotencyKey>;
export type IdempotencyKeyModel = Model<IdempotencyKey>;

export const idempotencyKeySchema = new Schema<IdempotencyKey>(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    key: { type: String, required: true },
    requestHash: { type: String, required: true },
    state: { type: String, enum: ['pending', 'done'], required: true },
    status: integer({ default: null }),
    body: { type: Schema.Types.Mixed, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false }, strict: 'throw', minimize: false },
);
idempotencyKeySchema.index({ userId: 1, key: 1 }, { unique: true });
idempotencyKeySchema.index({ createdAt: 1 });

export const defineIdempotencyKeyModel = (conn: Connection): IdempotencyKeyModel => conn.model<IdempotencyKey>('IdempotencyKey', idempotencyKeySchema);
