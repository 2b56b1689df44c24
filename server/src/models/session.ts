// A login session. Only a SHA-256 of the bearer token is stored, so a database leak yields no
// usable tokens. WeChat's session_key is kept here (server-side only) for later decryption needs.
import { Schema, Types, type Connection, type HydratedDocument, type Model } from 'mongoose';

export interface Session {
  tokenHash: string;
  userId: Types.ObjectId;
  sessionKey?: string;
  expiresAt: Date;
  revokedAt?: Date;
  createdAt: Date;
  lastSeenAt: Date;
}

export type SessionDoc = HydratedDocument<Session>;
export type SessionModel = Model<Session>;

export const sessionSchema = new Schema<Session>(
  {
    tokenHash: { type: String, required: true, unique: true },
    userId: { type: Schema.Types.ObjectId, required: true, index: true },
    sessionKey: { type: String, select: false },
    expiresAt: { type: Date, required: true },
    revokedAt: { type: Date },
    lastSeenAt: { type: Date, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, strict: 'throw' },
);

export const defineSessionModel = (conn: Connection): SessionModel => conn.model<Session>('Session', sessionSchema);
