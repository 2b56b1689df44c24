// The poster a seller saves to the phone's album and posts to Moments or a group: the product's
// photo, title, price and unit price, the shop, and a mini-program code that opens the product.
// Drawn as SVG and rendered by resvg with the bundled fonts (fonts.ts), so the Chinese text looks
// the same on every machine, including one with no CJK fonts installed. ~0.1–0.3 s per poster.
import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import { renderAsync } from '@resvg/resvg-js';
import sharp from 'sharp';
import { pages } from '../../../contract/paths';
import { unitPriceFen } from '../../../contract/pricing';
import type { Services } from '../services';
import { isOperator } from '../policies/shops';
import type { UserDoc } from '../models/user';
import { AppError, notFound } from '../errors';
import { codeFor, sceneFor } from './share';
import { productToInspect, type ProductWithShop } from './products';
import { regionPath } from './regions';
import { escapeXml, textWidth, wrapText } from './text-layout';
import { bundledFonts, FONT_FAMILY } from './fonts';
import { yuan } from './units-text';

export const POSTER = { width: 750, height: 1200 } as const;
/** Where things are drawn; exported so tests can look at exactly these areas. */
export const POSTER_LAYOUT = {
  photo: { x: 0, y: 0, width: 750, height: 750 },
  title: { x: 40, y: 780, width: 670, height: 118, fontSize: 40, lineHeight: 54, maxLines: 2 },
  price: { x: 40, baseline: 968, fontSize: 56 },
  unitPrice: { x: 40, baseline: 1010, fontSize: 26 },
  shop: { x: 40, baseline: 1080, fontSize: 28, maxWidth: 430 },
  origin: { x: 40, baseline: 1120, fontSize: 24, maxWidth: 430 },
  code: { x: 500, y: 918, size: 220 },
  caption: { centerX: 610, baseline: 1168, fontSize: 22 },
} as const;
/** Bump when the drawing changes, so phones holding the old poster's ETag fetch the new one. */
const LAYOUT_VERSION = 1;

/** ¥38.00 from 3800 fen. */

export interface PosterContent {
  title: string;
  priceFen: number;
  /** The cheapest variant's name, e.g. "2.5kg 袋装". */
  packName: string;
  netWeightGrams: number;
  shopName: string;
  /** e.g. "山西省长治市沁县 南泉村"; null when unknown. */
  origin: string | null;
  /** The product photo (any format sharp reads); null draws a plain panel. */
  photo: Buffer | null;
  /** The mini-program code image (PNG or JPEG). */
  code: Buffer;
}

const dataUri = (bytes: Buffer, type: string) => `data:${type};base64,${bytes.toString('base64')}`;

function text(x: number, y: number, size: number, content: string, attrs = ''): string {
  return `<text x="${x}" y="${y}" font-size="${size}" ${attrs}>${escapeXml(content)}</text>`;
}

/** One line, cut with "…" when it is wider than maxWidth. */
const oneLine = (content: string, size: number, maxWidth: number) => wrapText(content, size, maxWidth, 1)[0] ?? '';

export async function renderPoster(content: PosterContent): Promise<Buffer> {
  const L = POSTER_LAYOUT;
  const photo = content.photo
    ? await sharp(content.photo).resize(L.photo.width, L.photo.height, { fit: 'cover' }).jpeg({ quality: 86 }).toBuffer()
    : null;
  const code = await sharp(content.code).resize(L.code.size, L.code.size, { fit: 'contain', background: '#ffffff' }).png().toBuffer();

  const titleLines = wrapText(content.title, L.title.fontSize, L.title.width, L.title.maxLines);
  const price = yuan(content.priceFen);
  const priceWidth = textWidth(price, L.price.fontSize);
  const unit = `折合 ${yuan(unitPriceFen(content.priceFen, content.netWeightGrams, 500))}/斤`;

  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${POSTER.width}" height="${POSTER.height}" viewBox="0 0 ${POSTER.width} ${POSTER.height}" font-family="${FONT_FAMILY}">`,
    `<rect width="${POSTER.width}" height="${POSTER.height}" fill="#fffdf7"/>`,
    photo
      ? `<image x="${L.photo.x}" y="${L.photo.y}" width="${L.photo.width}" height="${L.photo.height}" href="${dataUri(photo, 'image/jpeg')}"/>`
      : `<rect x="${L.photo.x}" y="${L.photo.y}" width="${L.photo.width}" height="${L.photo.height}" fill="#e8efe0"/>`,
    ...titleLines.map((line, i) =>
      text(L.title.x, L.title.y + L.title.fontSize + i * L.title.lineHeight, L.title.fontSize, line, 'font-weight="700" fill="#1f1f1f"'),
    ),
    text(L.price.x, L.price.baseline, L.price.fontSize, price, 'font-weight="700" fill="#d4380d"'),
    text(L.price.x + priceWidth + 12, L.price.baseline, 28, oneLine(`/ ${content.packName}`, 28, 440 - priceWidth), 'fill="#595959"'),
    text(L.unitPrice.x, L.unitPrice.baseline, L.unitPrice.fontSize, unit, 'fill="#8c8c8c"'),
    `<line x1="40" y1="1036" x2="470" y2="1036" stroke="#eeeeee" stroke-width="2"/>`,
    text(L.shop.x, L.shop.baseline, L.shop.fontSize, oneLine(content.shopName, L.shop.fontSize, L.shop.maxWidth), 'font-weight="700" fill="#262626"'),
    content.origin ? text(L.origin.x, L.origin.baseline, L.origin.fontSize, oneLine(`产地 ${content.origin}`, L.origin.fontSize, L.origin.maxWidth), 'fill="#8c8c8c"') : '',
    `<image x="${L.code.x}" y="${L.code.y}" width="${L.code.size}" height="${L.code.size}" href="${dataUri(code, 'image/png')}"/>`,
    text(L.caption.centerX, L.caption.baseline, L.caption.fontSize, '长按识别小程序码 购买', 'text-anchor="middle" fill="#595959"'),
    `</svg>`,
  ].join('\n');

  const rendered = await renderAsync(svg, {
    font: bundledFonts(),
    fitTo: { mode: 'original' },
  });
  return rendered.asPng();
}

export type PosterSubject = ProductWithShop;

/**
 * The product a poster is for, if this person may make one: its shop's owner, or an operator.
 * Anyone else, and any product not on sale, gets 404 (a seller cannot probe other shops' drafts).
 */
export async function posterSubject(services: Services, user: UserDoc, productId: string): Promise<PosterSubject> {
  const subject = await productToInspect(services, user, productId);
  if (subject.product.status !== 'on_sale') throw notFound('Product');
  if (subject.shop.suspended && !isOperator(user)) throw new AppError('SHOP_SUSPENDED', 'This shop is suspended by the platform; posters are unavailable');
  return subject;
}

/** Changes whenever anything drawn on the poster (or the sharer in its code) changes. */
export function posterEtag({ product, shop }: PosterSubject, sharerId: Types.ObjectId): string {
  const parts = [LAYOUT_VERSION, product._id, product.version, product.updatedAt?.getTime(), shop.name, shop.updatedAt?.getTime(), sharerId];
  return `"poster-${createHash('sha256').update(parts.join('|')).digest('base64url').slice(0, 27)}"`;
}

/** The poster PNG, with a code whose scene records `sharer` as the person who shared it. */
export async function makePoster(services: Services, { product, shop }: PosterSubject, sharer: UserDoc): Promise<Buffer> {
  const cheapest = [...product.variants].sort((a, b) => a.priceFen - b.priceFen)[0];
  if (!cheapest) throw notFound('Product');
  const cover = product.photoIds[0] ? await services.models.Photo.findById(product.photoIds[0]).lean() : null;
  const scene = await sceneFor(services, { shopId: shop._id, productId: product._id, sharerId: sharer._id });
  const [photo, code] = await Promise.all([
    cover ? services.files.read(cover.largeFileId) : null,
    codeFor(services, scene, pages.product),
  ]);
  const origin = product.origin ? regionPath(product.origin.regionCode) : null;
  return renderPoster({
    title: product.title,
    priceFen: cheapest.priceFen,
    packName: cheapest.name,
    netWeightGrams: cheapest.netWeightGrams,
    shopName: shop.name,
    origin: origin ? `${origin.province.name}${origin.city.name === origin.province.name ? '' : origin.city.name}${origin.county.name} ${product.origin?.village ?? ''}`.trim() : null,
    photo,
    code,
  });
}
