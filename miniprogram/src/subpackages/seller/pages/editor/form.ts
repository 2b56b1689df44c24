// The product editor's form: what the seller types (text, in their units), how it comes from a
// saved product, and how it turns into an exact request (integer fen and grams) or field errors
// keyed by the same paths the server uses (`variants.0.priceFen`).
import type { PhotoView } from '../../../../../../contract/photos';
import type { RegionPath } from '../../../../../../contract/regions';
import type { Category } from '../../../../../../contract/shops';
import type { CreateProductRequest, DescriptionBlockInput, ProductView, StockMode, VariantInput } from '../../../../../../contract/products';
import {
  BULK_STOCK_GRAMS_MAX, DESCRIPTION_BLOCKS_MAX, DESCRIPTION_TEXT_MAX, NET_WEIGHT_GRAMS_MAX, PRICE_FEN_MAX, PRODUCT_PHOTOS_MIN,
  PRODUCT_TITLE_MAX, SHELF_LIFE_DAYS_MAX, STOCK_PACKS_MAX, STORAGE_NOTE_MAX, VARIANT_NAME_MAX, VARIANTS_MAX, VILLAGE_MAX,
} from '../../../../../../contract/limits';
import { t, type MessageKey } from '../../../../i18n';
import {
  fenToInput, gramsToInput, naturalUnit, parseCount, parseDecimal, parseWeightToGrams, parseYuanToFen,
  type InputProblem, type WeightUnit,
} from '../../../../utils/money-input';
import type { FieldErrors } from '../../../../components/Field/errors';

export interface VariantRow {
  key: string;
  /** Saved variants keep their id; their stock changes only through "adjust stock". */
  id?: string;
  name: string;
  price: string;
  weight: string;
  unit: WeightUnit;
  /** Starting packs of a new variant (per-variant stock). */
  stock: string;
}

export type DescriptionRow =
  | { key: string; type: 'text'; text: string }
  | { key: string; type: 'image'; photo: PhotoView | null; localPath: string | null; state: 'uploading' | 'failed' | 'done'; progress: number };

export interface ProductForm {
  title: string;
  category: Category | null;
  description: DescriptionRow[];
  variants: VariantRow[];
  stockMode: StockMode;
  /** Bulk stock in kg, as typed (a new product, or one switching to bulk). */
  bulkKg: string;
  origin: RegionPath | null;
  village: string;
  harvestDate: string | null;
  shelfLifeDays: string;
  storageNote: string;
}

let counter = 0;
export const rowKey = (): string => `row-${++counter}`;

export function blankVariant(): VariantRow {
  return { key: rowKey(), name: '', price: '', weight: '', unit: 'kg', stock: '' };
}

export function emptyForm(): ProductForm {
  return {
    title: '',
    category: null,
    description: [],
    variants: [blankVariant()],
    stockMode: 'per_variant',
    bulkKg: '',
    origin: null,
    village: '',
    harvestDate: null,
    shelfLifeDays: '',
    storageNote: '',
  };
}

export function formFromProduct(product: ProductView): ProductForm {
  return {
    title: product.title,
    category: product.category,
    description: product.description.map((block): DescriptionRow =>
      block.type === 'text'
        ? { key: rowKey(), type: 'text', text: block.text }
        : { key: rowKey(), type: 'image', photo: block.photo, localPath: null, state: 'done', progress: 100 },
    ),
    variants: product.variants.map((variant) => {
      const unit = naturalUnit(variant.netWeightGrams);
      return {
        key: rowKey(),
        id: variant.id,
        name: variant.name,
        price: fenToInput(variant.priceFen),
        weight: gramsToInput(variant.netWeightGrams, unit),
        unit,
        stock: '',
      };
    }),
    stockMode: product.stockMode,
    bulkKg: '',
    origin: product.origin?.region ?? null,
    village: product.origin?.village ?? '',
    harvestDate: product.harvestDate,
    shelfLifeDays: product.shelfLifeDays === null ? '' : String(product.shelfLifeDays),
    storageNote: product.storageNote,
  };
}

const PRICE_PROBLEMS: Record<InputProblem, MessageKey> = {
  empty: 'field.priceEmpty',
  invalid: 'field.number',
  tooPrecise: 'field.priceCents',
  tooLarge: 'field.priceTooHigh',
  tooSmall: 'field.priceEmpty',
  notWholeGrams: 'field.number',
};

const WEIGHT_PROBLEMS: Record<InputProblem, MessageKey> = {
  empty: 'field.weightEmpty',
  invalid: 'field.number',
  tooPrecise: 'field.wholeGrams',
  tooLarge: 'field.weightTooHigh',
  tooSmall: 'field.weightEmpty',
  notWholeGrams: 'field.wholeGrams',
};

const COUNT_PROBLEMS: Record<InputProblem, MessageKey> = {
  empty: 'field.number',
  invalid: 'field.wholeNumber',
  tooPrecise: 'field.wholeNumber',
  tooLarge: 'field.tooMany',
  tooSmall: 'field.wholeNumber',
  notWholeGrams: 'field.wholeNumber',
};

export interface BuildContext {
  /** The saved product being edited, or null for a new one. */
  saved: Pick<ProductView, 'stockMode'> | null;
  /** Uploaded photo ids in order. */
  photoIds: string[];
  photosBusy: boolean;
  photosFailed: boolean;
  /** Publishing needs at least one photo; a draft may have none. */
  publishing: boolean;
}

export type BuiltRequest = Omit<CreateProductRequest, 'publish'>;

/**
 * Starting packs are typed for new variants, and for every variant when a product switches from
 * bulk to per-variant stock (the server needs them in that same request). Otherwise a saved
 * variant's stock changes only by "adjust stock".
 */
export function needsStartingStock(row: VariantRow, form: Pick<ProductForm, 'stockMode'>, saved: Pick<ProductView, 'stockMode'> | null): boolean {
  if (form.stockMode !== 'per_variant') return false;
  return !row.id || (saved !== null && saved.stockMode !== 'per_variant');
}

/** The request for this form, or the field errors that stop it, keyed by the server's paths. */
export function buildRequest(form: ProductForm, context: BuildContext): { ok: true; request: BuiltRequest } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const title = form.title.trim();
  if (!title) errors.title = t('field.required');
  else if (title.length > PRODUCT_TITLE_MAX) errors.title = t('field.titleTooLong', { max: PRODUCT_TITLE_MAX });
  if (!form.category) errors.category = t('field.category');

  if (context.photosBusy) errors.photoIds = t('photos.stillUploading');
  else if (context.photosFailed) errors.photoIds = t('photos.someFailed');
  else if (context.publishing && context.photoIds.length < PRODUCT_PHOTOS_MIN) errors.photoIds = t('field.photos');

  const description: DescriptionBlockInput[] = [];
  if (form.description.length > DESCRIPTION_BLOCKS_MAX) errors.description = t('field.tooMany');
  form.description.forEach((block, index) => {
    if (block.type === 'text') {
      const text = block.text.trim();
      if (!text) errors[`description.${index}.text`] = t('field.emptyParagraph');
      else if (text.length > DESCRIPTION_TEXT_MAX) errors[`description.${index}.text`] = t('field.tooLong');
      description.push({ type: 'text', text });
    } else if (block.state !== 'done' || !block.photo) {
      errors[`description.${index}.photoId`] = t(block.state === 'failed' ? 'photos.someFailed' : 'photos.stillUploading');
    } else {
      description.push({ type: 'image', photoId: block.photo.id });
    }
  });

  if (form.variants.length === 0) errors.variants = t('field.variants');
  if (form.variants.length > VARIANTS_MAX) errors.variants = t('field.tooMany');
  const variants: VariantInput[] = [];
  form.variants.forEach((row, index) => {
    const at = `variants.${index}`;
    const name = row.name.trim();
    if (!name) errors[`${at}.name`] = t('field.variantName');
    else if (name.length > VARIANT_NAME_MAX) errors[`${at}.name`] = t('field.tooLong');
    const price = parseYuanToFen(row.price, PRICE_FEN_MAX);
    if (!price.ok) errors[`${at}.priceFen`] = t(PRICE_PROBLEMS[price.problem]);
    const weight = parseWeightToGrams(row.weight, row.unit, NET_WEIGHT_GRAMS_MAX);
    if (!weight.ok) errors[`${at}.netWeightGrams`] = t(WEIGHT_PROBLEMS[weight.problem]);
    let stock: number | undefined;
    if (needsStartingStock(row, form, context.saved)) {
      const parsed = row.stock.trim() === '' ? { ok: true as const, value: 0 } : parseCount(row.stock, STOCK_PACKS_MAX);
      if (parsed.ok) stock = parsed.value;
      else errors[`${at}.stock`] = t(COUNT_PROBLEMS[parsed.problem]);
    }
    if (price.ok && weight.ok && name) {
      variants.push({
        ...(row.id ? { id: row.id } : {}),
        name,
        priceFen: price.value,
        netWeightGrams: weight.value,
        ...(stock !== undefined ? { stock } : {}),
      });
    }
  });

  // Bulk stock is set here only when starting out in bulk; afterwards it changes by "adjust stock".
  let bulkStockGrams: number | undefined;
  if (form.stockMode === 'bulk' && context.saved?.stockMode !== 'bulk') {
    const parsed = form.bulkKg.trim() === '' ? { ok: true as const, value: 0 } : parseDecimal(form.bulkKg, 3);
    if (!parsed.ok) errors.bulkStockGrams = t(parsed.problem === 'tooPrecise' ? 'field.wholeGrams' : 'field.number');
    else if (parsed.value > BULK_STOCK_GRAMS_MAX) errors.bulkStockGrams = t('field.tooMany');
    else bulkStockGrams = parsed.value;
  }

  if (form.village.trim().length > VILLAGE_MAX) errors['origin.village'] = t('field.tooLong');
  let shelfLifeDays: number | null = null;
  if (form.shelfLifeDays.trim() !== '') {
    const parsed = parseCount(form.shelfLifeDays, SHELF_LIFE_DAYS_MAX);
    if (!parsed.ok || parsed.value < 1) errors.shelfLifeDays = t('field.shelfLife');
    else shelfLifeDays = parsed.value;
  }
  const storageNote = form.storageNote.trim();
  if (storageNote.length > STORAGE_NOTE_MAX) errors.storageNote = t('field.tooLong');

  if (Object.keys(errors).length > 0 || !form.category) return { ok: false, errors };
  return {
    ok: true,
    request: {
      title,
      category: form.category,
      description,
      photoIds: context.photoIds,
      origin: form.origin ? { regionCode: form.origin.county.code, village: form.village.trim() } : null,
      harvestDate: form.harvestDate,
      shelfLifeDays,
      storageNote,
      stockMode: form.stockMode,
      ...(bulkStockGrams !== undefined ? { bulkStockGrams } : {}),
      variants,
    },
  };
}
