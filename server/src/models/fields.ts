// Field definitions several schemas share: integers for money, grams and counts (never floats),
// and the region triple stored with shops and origins.
import { Schema } from 'mongoose';

/** An integer Number field: fen, grams, packs, versions. */
export const integer = (extra: Record<string, unknown> = {}) => ({
  type: Number,
  validate: { validator: (v: unknown) => v === null || v === undefined || Number.isSafeInteger(v), message: '{PATH} must be an integer' },
  ...extra,
});

const regionSchema = new Schema({ code: { type: String, required: true }, name: { type: String, required: true } }, { _id: false });

export interface StoredRegion {
  code: string;
  name: string;
}

export interface StoredRegionPath {
  province: StoredRegion;
  city: StoredRegion;
  county: StoredRegion;
}

export const regionPathSchema = new Schema<StoredRegionPath>(
  { province: { type: regionSchema, required: true }, city: { type: regionSchema, required: true }, county: { type: regionSchema, required: true } },
  { _id: false },
);
