// The product form as kept on the phone while unsaved (services/form-drafts): plain data with no
// row keys (they are handed out afresh on restore, so they never clash), only uploaded photos (a
// photo still uploading or failed is not kept), and a check that what is read back is one.
import type { PhotoView } from '../../../../../../contract/photos';
import { CATEGORIES } from '../../../../utils/categories';
import { WEIGHT_UNITS } from '../../../../utils/money-input';
import { isPhotoView, isRecord, isRegionPath, isString } from '../../../../utils/shapes';
import { rowKey, type ProductForm, type VariantRow } from './form';

export type DraftVariant = Omit<VariantRow, 'key'>;
export type DraftBlock = { type: 'text'; text: string } | { type: 'image'; photo: PhotoView };

export interface ProductDraft {
  form: Omit<ProductForm, 'variants' | 'description'> & { variants: DraftVariant[]; description: DraftBlock[] };
  /** The product's uploaded photos, in order. */
  photos: PhotoView[];
}

export function productDraftOf(form: ProductForm, photos: PhotoView[]): ProductDraft {
  const { variants, description, ...rest } = form;
  return {
    form: {
      ...rest,
      variants: variants.map(({ key: _key, ...row }) => row),
      description: description.flatMap((block): DraftBlock[] => {
        if (block.type === 'text') return [{ type: 'text', text: block.text }];
        return block.state === 'done' && block.photo ? [{ type: 'image', photo: block.photo }] : [];
      }),
    },
    photos,
  };
}

export function formFromDraft(draft: ProductDraft): ProductForm {
  return {
    ...draft.form,
    variants: draft.form.variants.map((row) => ({ ...row, key: rowKey() })),
    description: draft.form.description.map((block) =>
      block.type === 'text'
        ? { key: rowKey(), type: 'text', text: block.text }
        : { key: rowKey(), type: 'image', photo: block.photo, localPath: null, state: 'done', progress: 100 },
    ),
  };
}

function isDraftVariant(value: unknown): value is DraftVariant {
  return (
    isRecord(value) &&
    (value.id === undefined || isString(value.id)) &&
    isString(value.name) && isString(value.price) && isString(value.weight) && isString(value.stock) &&
    (WEIGHT_UNITS as readonly unknown[]).includes(value.unit)
  );
}

function isDraftBlock(value: unknown): value is DraftBlock {
  return isRecord(value) && ((value.type === 'text' && isString(value.text)) || (value.type === 'image' && isPhotoView(value.photo)));
}

/** True for a product draft this build wrote; anything else (damaged, an older shape) is ignored. */
export function isProductDraft(value: unknown): value is ProductDraft {
  if (!isRecord(value) || !isRecord(value.form) || !Array.isArray(value.photos) || !value.photos.every(isPhotoView)) return false;
  const form = value.form;
  return (
    isString(form.title) &&
    (form.category === null || (CATEGORIES as readonly unknown[]).includes(form.category)) &&
    (form.stockMode === 'per_variant' || form.stockMode === 'bulk') &&
    isString(form.bulkKg) && isString(form.village) && isString(form.shelfLifeDays) && isString(form.storageNote) &&
    (form.harvestDate === null || isString(form.harvestDate)) &&
    (form.origin === null || isRegionPath(form.origin)) &&
    Array.isArray(form.variants) && form.variants.every(isDraftVariant) &&
    Array.isArray(form.description) && form.description.every(isDraftBlock)
  );
}
