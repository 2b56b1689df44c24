// Field errors from the server (`details.fields[].path`, e.g. `variants.0.priceFen`) and from the
// phone's own checks, keyed by the same paths, in plain words next to the field they concern.
import type { ValidationDetails } from '../../../../contract/errors';
import { t, type MessageKey } from '../../i18n';
import { ApiError } from '../../services/http';

export type FieldErrors = Record<string, string>;

/** The last name in a path decides what to say: every price field gets the price message. */
const MESSAGE_BY_FIELD: Record<string, MessageKey> = {
  name: 'field.name',
  intro: 'field.tooLong',
  phone: 'field.phone',
  regionCode: 'field.region',
  logoPhotoId: 'field.photo',
  title: 'field.title',
  category: 'field.category',
  photoIds: 'field.photos',
  description: 'field.description',
  text: 'field.description',
  priceFen: 'field.price',
  netWeightGrams: 'field.weight',
  stock: 'field.stock',
  bulkStockGrams: 'field.bulkStock',
  variants: 'field.variants',
  harvestDate: 'field.date',
  shelfLifeDays: 'field.shelfLife',
  storageNote: 'field.tooLong',
  village: 'field.tooLong',
  origin: 'field.region',
};

export function fieldMessage(path: string): string {
  const names = path.split('.').filter((part) => !/^\d+$/.test(part));
  const last = names[names.length - 1] ?? '';
  return t(MESSAGE_BY_FIELD[last] ?? 'field.invalid');
}

interface Issue {
  path: string;
}

function isIssueList(value: unknown): value is Issue[] {
  return Array.isArray(value) && value.every((item) => !!item && typeof (item as Issue).path === 'string');
}

/** The field errors an API failure carries, or null when it is not about fields. */
export function fieldErrorsFrom(error: unknown): FieldErrors | null {
  if (!(error instanceof ApiError) || !error.details || typeof error.details !== 'object') return null;
  const fields = (error.details as Partial<Record<keyof ValidationDetails, unknown>>).fields;
  if (!isIssueList(fields) || fields.length === 0) return null;
  const errors: FieldErrors = {};
  for (const { path } of fields) errors[path] ??= fieldMessage(path);
  return errors;
}
