// Parcels to ship: per row a courier (picker) and a tracking number (typed, or scanned from the
// waybill inside WeChat); rows can be added for an order packed in several boxes, and removed.
// When shipping (not adding a parcel), "按实际称重": what each line really weighed when packed,
// with the refund a short line brings, shown before the seller ships.
import { useState } from 'react';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { orderedGrams } from '../../../../../../contract/packed-weight';
import type { OrderLineView } from '../../../../../../contract/orders';
import { COURIERS } from '../../../../../../contract/couriers';
import { PARCELS_MAX } from '../../../../../../contract/limits';
import { Field } from '../../../../components/Field';
import type { FieldErrors } from '../../../../components/Field/errors';
import { textOf } from '../../../../components/Field/events';
import { getLocale, t } from '../../../../i18n';
import { formatFen, formatGrams } from '../../../../utils/format';
import { gramsToInput } from '../../../../utils/money-input';
import { packedField, packedRefundPreview, readPackedLine, type PackedTexts } from './packed-weights';
import { addParcelRow, normaliseTrackingNo, removeParcelRow, withTrackingNo, type ParcelRow } from './parcels';

export interface ShipFormProps {
  rows: ParcelRow[];
  onChange: (rows: ParcelRow[]) => void;
  errors: FieldErrors;
  /** Scans a barcode; null where there is no scanner (the browser). */
  scan: (() => Promise<string | null>) | null;
  /** Shipping only: the packed weights per line (absent when adding a parcel). */
  packed?: PackedWeightsProps;
}

export interface PackedWeightsProps {
  lines: OrderLineView[];
  texts: PackedTexts;
  onChange: (texts: PackedTexts) => void;
  /** What may still be refunded: the preview never promises more. */
  refundableFen: number;
}

/** Collapsed by default: most orders go out as ordered. Open, one box per line. */
function PackedWeights({ lines, texts, onChange, refundableFen, errors }: PackedWeightsProps & { errors: FieldErrors }) {
  const [open, setOpen] = useState(false);
  const totalFen = packedRefundPreview(lines, texts, refundableFen);
  return (
    <View className='card packed-weights'>
      <View className='row'>
        <Text className='grow section-title'>{t('sellerPay.weighTitle')}</Text>
        <Button className='small-button packed-weights__toggle' aria-expanded={open} onClick={() => setOpen(!open)}>
          {t(open ? 'sellerPay.weighClose' : 'sellerPay.weighOpen')}
        </Button>
      </View>
      {open && (
        <>
          <View className='hint packed-weights__hint'>{t('sellerPay.weighHint')}</View>
          {lines.map((line) => {
            const read = readPackedLine(line, texts[line.variantId]);
            const label = t('sellerPay.packedLabel', { title: `${line.title} ${line.variantName}` });
            const error = errors[packedField(line.variantId)] ?? (read.entered && !read.ok ? read.error : null);
            return (
              <View key={line.variantId} className='packed-weights__line'>
                <Field label={label} error={error}>
                  <View className='hint'>
                    {t('sellerPay.ordered', { each: formatGrams(line.netWeightGrams), count: line.quantity, total: formatGrams(orderedGrams(line)) })}
                  </View>
                  <Input
                    className={`input packed-weights__input ${error ? 'input--bad' : ''}`}
                    type='digit'
                    value={texts[line.variantId] ?? ''}
                    placeholder={t('sellerPay.packedPlaceholder', { example: gramsToInput(orderedGrams(line), 'kg') })}
                    aria-label={label}
                    onInput={(event) => onChange({ ...texts, [line.variantId]: textOf(event) })}
                  />
                </Field>
                {read.entered && read.ok && (
                  <View className={`packed-weights__refund ${read.refundFen > 0 ? 'packed-weights__refund--short' : ''}`}>
                    {read.shortGrams > 0
                      ? t('sellerPay.lineRefund', { short: formatGrams(read.shortGrams), amount: formatFen(read.refundFen) })
                      : t('sellerPay.lineEnough')}
                  </View>
                )}
              </View>
            );
          })}
        </>
      )}
      {totalFen > 0 && <View className='packed-weights__total' role='status'>{t('sellerPay.weighTotal', { amount: formatFen(totalFen) })}</View>}
    </View>
  );
}

const courierName = (code: string) => {
  const courier = COURIERS.find((c) => c.code === code);
  return courier ? (getLocale() === 'en' ? courier.nameEn : courier.name) : '';
};

export function ShipForm({ rows, onChange, errors, scan, packed }: ShipFormProps) {
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
      {packed && packed.lines.length > 0 && <PackedWeights {...packed} errors={errors} />}
    </View>
  );
}
