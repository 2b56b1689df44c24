// Parcels to ship: per row a courier (picker) and a tracking number (typed, or scanned from the
// waybill inside WeChat); rows can be added for an order packed in several boxes, and removed.
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { COURIERS } from '../../../../../../contract/couriers';
import { PARCELS_MAX } from '../../../../../../contract/limits';
import { Field } from '../../../../components/Field';
import type { FieldErrors } from '../../../../components/Field/errors';
import { textOf } from '../../../../components/Field/events';
import { getLocale, t } from '../../../../i18n';
import { addParcelRow, normaliseTrackingNo, removeParcelRow, withTrackingNo, type ParcelRow } from './parcels';

export interface ShipFormProps {
  rows: ParcelRow[];
  onChange: (rows: ParcelRow[]) => void;
  errors: FieldErrors;
  /** Scans a barcode; null where there is no scanner (the browser). */
  scan: (() => Promise<string | null>) | null;
}

const courierName = (code: string) => {
  const courier = COURIERS.find((c) => c.code === code);
  return courier ? (getLocale() === 'en' ? courier.nameEn : courier.name) : '';
};

export function ShipForm({ rows, onChange, errors, scan }: ShipFormProps) {
  const names = COURIERS.map((courier) => courierName(courier.code));
  const update = (key: string, change: (row: ParcelRow) => ParcelRow) => onChange(rows.map((row) => (row.key === key ? change(row) : row)));

  async function scanInto(key: string) {
    if (!scan) return;
    const scanned = await scan();
    if (scanned) update(key, (row) => withTrackingNo(row, normaliseTrackingNo(scanned)));
  }

  return (
    <View className='ship-form'>
      {rows.map((row, index) => (
        <View key={row.key} className='card ship-form__parcel'>
          <View className='row'>
            <Text className='grow section-title'>{t('sellerOrder.parcelN', { n: index + 1 })}</Text>
            {rows.length > 1 && (
              <Button className='small-button ship-form__remove' onClick={() => onChange(removeParcelRow(rows, row.key))}>{t('sellerOrder.removeParcel')}</Button>
            )}
          </View>
          <Field label={t('sellerOrder.courier')} error={errors[`parcels.${index}.courierCode`]}>
            <Picker
              mode='selector'
              className='parcel-courier'
              range={names}
              value={Math.max(0, COURIERS.findIndex((c) => c.code === row.courierCode))}
              onChange={(event) => update(row.key, (r) => ({ ...r, courierCode: COURIERS[Number(event.detail.value)]?.code ?? r.courierCode, courierPicked: true }))}
              aria-label={t('sellerOrder.courier')}
            >
              <View className='picker-box'>
                <Text>{courierName(row.courierCode)}</Text>
                <Text>›</Text>
              </View>
            </Picker>
          </Field>
          <Field label={t('sellerOrder.trackingNo')} error={errors[`parcels.${index}.trackingNo`]}>
            <View className='row'>
              <Input
                className={`input grow parcel-tracking ${errors[`parcels.${index}.trackingNo`] ? 'input--bad' : ''}`}
                value={row.trackingNo}
                maxlength={48}
                placeholder={t('sellerOrder.trackingPlaceholder')}
                aria-label={t('sellerOrder.trackingNoN', { n: index + 1 })}
                onInput={(event) => update(row.key, (r) => withTrackingNo(r, textOf(event)))}
              />
              {scan && (
                <Button className='small-button ship-form__scan' onClick={() => void scanInto(row.key)}>{t('sellerOrder.scan')}</Button>
              )}
            </View>
          </Field>
        </View>
      ))}
      {rows.length < PARCELS_MAX && (
        <Button className='big-button quiet ship-form__add' onClick={() => onChange(addParcelRow(rows))}>{t('sellerOrder.addParcelRow')}</Button>
      )}
    </View>
  );
}
