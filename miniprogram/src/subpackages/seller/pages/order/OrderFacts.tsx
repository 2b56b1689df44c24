// What an order says, card by card: where it goes (with call and copy), what is in it and what it
// costs, the notes, the parcels and what happened when.
import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { SELLER_NOTE_MAX } from '../../../../../../contract/limits';
import type { OrderView } from '../../../../../../contract/orders';
import { Field } from '../../../../components/Field';
import { MoneyRows, OrderLineRow, orderShippingText } from '../../../../components/OrderSummary';
import { textOf } from '../../../../components/Field/events';
import { t } from '../../../../i18n';
import { formatRegion } from '../../../../utils/region';
import { formatWhen } from '../../../../utils/when';

export function ReceiverCard({ order, onCall, onCopy }: { order: OrderView; onCall: () => void; onCopy: () => void }) {
  const { address } = order;
  return (
    <View className='card seller-order__receiver'>
      <Text className='section-title'>{t('sellerOrder.receiver')}</Text>
      <View className='row'>
        <Text className='seller-order__name'>{address.name}</Text>
        <Text className='seller-order__phone'>{address.phone}</Text>
      </View>
      <Text className='seller-order__address'>{`${formatRegion(address.region)} ${address.detail}`}</Text>
      <View className='row seller-order__receiver-actions'>
        <Button className='small-button call-receiver' onClick={onCall}>{t('sellerOrder.call')}</Button>
        <Button className='small-button copy-address' onClick={onCopy}>{t('sellerOrder.copyAddress')}</Button>
      </View>
      <Text className='hint'>{t('sellerOrder.buyerNickname', { name: order.buyer.nickname })}</Text>
    </View>
  );
}

export function LinesCard({ order }: { order: OrderView }) {
  return (
    <View className='card seller-order__lines'>
      {order.lines.map((line) => <OrderLineRow key={line.variantId} line={line} />)}
      <View className='seller-order__money'>
        <MoneyRows subtotalFen={order.subtotalFen} weightGrams={order.weightGrams} shipping={orderShippingText(order.shippingFen)} totalFen={order.totalFen} />
        <Text className='hint'>{t(`sellerOrder.payment.${order.paymentMethod}`)}</Text>
      </View>
    </View>
  );
}

export interface SellerNoteProps {
  saved: string;
  busy: boolean;
  onSave: (note: string) => void;
}

/** The seller's own note (only they see it): saved with its own button. */
export function SellerNoteEditor({ saved, busy, onSave }: SellerNoteProps) {
  const [note, setNote] = useState(saved);
  const changed = note.trim() !== saved.trim();
  return (
    <Field label={t('sellerOrder.sellerNote')} count={{ used: note.trim().length, max: SELLER_NOTE_MAX }}>
      <Textarea
        className='textarea seller-order__note'
        value={note}
        maxlength={SELLER_NOTE_MAX}
        placeholder={t('sellerOrder.sellerNotePlaceholder')}
        aria-label={t('sellerOrder.sellerNote')}
        onInput={(event) => setNote(textOf(event))}
      />
      {changed && (
        <Button className='small-button seller-order__save-note' disabled={busy} onClick={() => onSave(note.trim())}>{t('sellerOrder.saveNote')}</Button>
      )}
    </Field>
  );
}

export function ParcelsCard({ order, onCopy }: { order: OrderView; onCopy: (trackingNo: string) => void }) {
  if (order.parcels.length === 0) return null;
  return (
    <View className='card seller-order__parcels'>
      <Text className='section-title'>{t('sellerOrder.parcels')}</Text>
      {order.parcels.map((parcel) => (
        <View key={`${parcel.courierCode}:${parcel.trackingNo}`} className='row seller-order__parcel'>
          <View className='grow'>
            <Text>{`${parcel.courierName} ${parcel.trackingNo}`}</Text>
            <Text className='hint seller-order__parcel-at'>{formatWhen(parcel.at)}</Text>
          </View>
          <Button className='small-button' onClick={() => onCopy(parcel.trackingNo)}>{t('sellerOrder.copy')}</Button>
        </View>
      ))}
    </View>
  );
}

export function TimelineCard({ order }: { order: OrderView }) {
  return (
    <View className='card seller-order__timeline'>
      <Text className='section-title'>{t('sellerOrder.timeline')}</Text>
      {[...order.timeline].reverse().map((entry, index) => (
        <View key={`${entry.at}-${index}`} className='seller-order__event'>
          <Text className='hint'>{formatWhen(entry.at)}</Text>
          <Text>{` ${t(`sellerOrder.event.${entry.event}`)} · ${t(`sellerOrder.actor.${entry.actor}`)}`}</Text>
          {entry.note && <Text className='hint seller-order__event-note'>{entry.note}</Text>}
        </View>
      ))}
    </View>
  );
}
