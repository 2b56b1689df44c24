// A person who logged in through WeChat. openid is per mini-program; unionid links apps of one
// WeChat open-platform account when WeChat gives it.
import { Schema, type Connection, type HydratedDocument, type Model } from 'mongoose';
import type { Role } from '../../../contract/users';

export interface User {
  openid: string;
  unionid?: string;
  nickname: string;
  avatarFileId?: string;
  roles: Role[];
  createdAt: Date;
  updatedAt: Date;
  lastLoginAt: Date;
}

export type UserDoc = HydratedDocument<User>;
export type UserModel = Model<User>;

export const userSchema = new Schema<User>(
  {
    openid: { type: String, required: true, unique: true },
    unionid: { type: String, sparse: true, index: true },
    nickname: { type: String, required: true, maxlength: 20 },
    avatarFileId: { type: String },
    roles: { type: [String], enum: ['buyer', 'seller', 'operator'], default: ['buyer'] },
    lastLoginAt: { type: Date, required: true },
  },
  { timestamps: true, strict: 'throw' },
);

export const defineUserModel = (conn: Connection): UserModel => conn.model<User>('User', userSchema);
