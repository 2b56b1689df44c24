// Short scene ids for mini-program codes. WeChat's scene holds at most 32 characters, too few for
// a product id and a sharer id, so a code carries a random 10-character id that maps back to
// (shop, product, sharer). One id per triple, so printing a poster twice gives the same code.
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { SceneView } from '../../../contract/products';
import type { Services } from '../services';
import { notFound } from '../errors';
import { isDuplicateKey } from '../db/errors';
import { getUnlimitedWxaCode } from '../wechat/wxacode';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const SCENE_ID_LENGTH = 10;
/** What a scene id we issued looks like; anything else is not worth a database lookup. */
export const SCENE_ID = /^[0-9A-Za-z]{10}$/;

/** 10 base62 characters ≈ 59 bits: collisions are rare enough that a retry covers them. */
export function newSceneId(): string {
  let id = '';
  while (id.length < SCENE_ID_LENGTH) {
    for (const byte of randomBytes(16)) {
      // 248 = 4 × 62: dropping bytes above it keeps every character equally likely.
      if (byte < 248 && id.length < SCENE_ID_LENGTH) id += ALPHABET[byte % 62];
    }
  }
  return id;
}

export interface SceneTarget {
  shopId: Types.ObjectId;
  productId: Types.ObjectId | null;
  sharerId: Types.ObjectId | null;
}


/** The scene id for this (shop, product, sharer), made on first use; safe when called concurrently. */
export async function sceneFor(services: Services, target: SceneTarget): Promise<string> {
  const { ShareScene } = services.models;
  const key = { shopId: target.shopId, productId: target.productId, sharerId: target.sharerId };
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const existing = await ShareScene.findOne(key, { _id: 1 }).lean();
    if (existing) return existing._id;
    try {
      const created = await ShareScene.create({ _id: newSceneId(), ...key });
      return created._id;
    } catch (err) {
      // Either someone made this triple's scene a moment ago (the unique index) and the next
      // look-up finds it, or the random id was taken and the next attempt draws another.
      if (!isDuplicateKey(err)) throw err;
    }
  }
  throw new Error('sceneFor: could not allocate a scene id');
}

export async function resolveScene(services: Services, scene: string): Promise<SceneView> {
  const doc = SCENE_ID.test(scene) ? await services.models.ShareScene.findById(scene).lean() : null;
  if (!doc) throw notFound('Scene');
  return {
    scene: doc._id,
    shopId: String(doc.shopId),
    productId: doc.productId ? String(doc.productId) : null,
    sharerId: doc.sharerId ? String(doc.sharerId) : null,
  };
}

/**
 * The mini-program code that opens `page` with this scene: drawn by WeChat once, then kept as a
 * file, because a scene's code never changes while WeChat's quota and availability do.
 */
export async function codeFor(services: Services, scene: string, page: string): Promise<Buffer> {
  const { ShareScene } = services.models;
  const known = await ShareScene.findById(scene, { codeFileId: 1 }).lean();
  const kept = known?.codeFileId ? await services.files.read(known.codeFileId) : null;
  if (kept) return kept;
  const code = await getUnlimitedWxaCode(services.wechat, { scene, page });
  const stored = await services.files.put(code.bytes, code.contentType);
  await ShareScene.updateOne({ _id: scene }, { $set: { codeFileId: stored.id } });
  return code.bytes;
}
