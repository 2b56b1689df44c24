// The parcels an order went out in: the courier by name (in the reader's language) and the
// tracking number, with a copy button for pasting into the courier's app.
import { Button, Text, View } from '@tarojs/components';
import { courierByCode } from '../../../../contract/couriers';
import type { ParcelView } from '../../../../contract/orders';
import { getLocale, t } from '../../i18n';
import { formatWhen } from '../../utils/when';

export function courierName(parcel: Pick<ParcelView, 'courierCode' | 'courierName'>): string {
  const courier = courierByCode(parcel.courierCode);
  if (!courier) return parcel.courierName;
  return getLocale() === 'en' ? courier.nameEn : courier.name;
}

export function Parcels({ parcels, onCopy }: { parcels: ParcelView[]; onCopy: (trackingNo: string) => void }) {
  return (
    <View className='card order-parcels'>
      <View className='section-title'>{t('order.parcels')}</View>
      {parcels.map((parcel) => (
        <View key={`${parcel.courierCode}-${parcel.trackingNo}`} className='parcel'>
          <View className='parcel__body'>
            <Text className='parcel__courier'>{courierName(parcel)}</Text>
            <Text className='parcel__number'>{parcel.trackingNo}</Text>
            <Text className='hint'>{formatWhen(parcel.at)}</Text>
          </View>
          <Button className='small-button order-copy-tracking' aria-label={t('order.copyTracking', { number: parcel.trackingNo })} onClick={() => onCopy(parcel.trackingNo)}>
            {t('order.copy')}
          </Button>
        </View>
      ))}
    </View>
  );
}
