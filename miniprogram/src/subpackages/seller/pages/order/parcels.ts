// The ship form's parcel rows (courier + tracking number, one row per parcel) and how they become
// a ShipOrderRequest, or field errors at the server's paths (`parcels.1.trackingNo`).
import { COURIERS } from '../../../../../../contract/couriers';
import { PARCELS_MAX } from '../../../../../../contract/limits';
import type { ShipOrderRequest } from '../../../../../../contract/orders';
import type { FieldErrors } from '../../../../components/Field/errors';
import { t } from '../../../../i18n';

export interface ParcelRow {
  key: string;
  courierCode: string;
  trackingNo: string;
  /** The seller chose the courier by hand: a tracking number then never changes it. */
  courierPicked: boolean;
}

let counter = 0;

/** A new row; with the courier of the row above, since one order's parcels usually go one way. */
export function blankParcel(courierCode: string = COURIERS[0].code): ParcelRow {
  return { key: `parcel-${++counter}`, courierCode, trackingNo: '', courierPicked: false };
}

export function addParcelRow(rows: ParcelRow[]): ParcelRow[] {
  if (rows.length >= PARCELS_MAX) return rows;
  return [...rows, blankParcel(rows[rows.length - 1]?.courierCode)];
}

/** The last row stays: shipping needs at least one parcel. */
export function removeParcelRow(rows: ParcelRow[], key: string): ParcelRow[] {
  return rows.length <= 1 ? rows : rows.filter((row) => row.key !== key);
}

/**
 * A tracking number as printed or scanned: spaces gone, full-width letters and digits made
 * half-width, upper case ("sf 1234 5678 9012" → "SF123456789012").
 */
export function normaliseTrackingNo(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

const TRACKING_NO = /^[A-Z0-9-]{6,40}$/;

// Waybill numbers that name their courier: SF1234567890123, JT…, YT…, JDV…/JDX…, DPK…, and
// EMS's international form (two letters, nine digits, CN). Numbers of digits alone say nothing.
const PREFIXES: [RegExp, string][] = [
  [/^SF\d{10,}$/, 'SF'],
  [/^JT\d{10,}$/, 'JTSD'],
  [/^YT\d{10,}$/, 'YTO'],
  [/^JD[A-Z0-9]{8,}$/, 'JDL'],
  [/^DPK\d{6,}$/, 'DB'],
  [/^[A-Z]{2}\d{9}CN$/, 'EMS'],
];

/** The courier a tracking number's form names, or null when it could be anyone's. */
export function courierOfTrackingNo(trackingNo: string): string | null {
  const number = normaliseTrackingNo(trackingNo);
  return PREFIXES.find(([form]) => form.test(number))?.[1] ?? null;
}

/** A row with a new tracking number (typed or scanned), and its courier when the number names it. */
export function withTrackingNo(row: ParcelRow, trackingNo: string): ParcelRow {
  const named = row.courierPicked ? null : courierOfTrackingNo(trackingNo);
  return { ...row, trackingNo, ...(named ? { courierCode: named } : {}) };
}

export type ParcelsResult = { ok: true; request: ShipOrderRequest } | { ok: false; errors: FieldErrors };

export function parcelsRequest(rows: ParcelRow[]): ParcelsResult {
  const errors: FieldErrors = {};
  const seen = new Set<string>();
  const parcels = rows.map((row, index) => {
    const trackingNo = normaliseTrackingNo(row.trackingNo);
    const path = `parcels.${index}.trackingNo`;
    if (!trackingNo) errors[path] = t('sellerOrder.trackingRequired');
    else if (!TRACKING_NO.test(trackingNo)) errors[path] = t('sellerOrder.trackingInvalid');
    else if (seen.has(`${row.courierCode}:${trackingNo}`)) errors[path] = t('sellerOrder.trackingTwice');
    seen.add(`${row.courierCode}:${trackingNo}`);
    if (!COURIERS.some((courier) => courier.code === row.courierCode)) errors[`parcels.${index}.courierCode`] = t('sellerOrder.courierRequired');
    return { courierCode: row.courierCode, trackingNo };
  });
  if (parcels.length === 0) errors.parcels = t('sellerOrder.trackingRequired');
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, request: { parcels } };
}
