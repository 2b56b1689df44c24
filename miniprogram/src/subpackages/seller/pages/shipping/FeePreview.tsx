// "寄到 山西省 2.5 kg 运费 ¥10.00": the fee a buyer would pay under the settings as typed, priced
// by the same shippingFeeFor the server charges with.
import { useState } from 'react';
import { Input, Picker, Text, View } from '@tarojs/components';
import type { Region } from '../../../../../../contract/regions';
import { shippingFeeFor, type ShippingTemplate } from '../../../../../../contract/shipping-fee';
import { SHIPPING_GRAMS_MAX } from '../../../../../../contract/limits';
import { textOf } from '../../../../components/Field/events';
import { t } from '../../../../i18n';
import { formatFen, formatGrams } from '../../../../utils/format';
import { parseDecimal, parseWeightToGrams } from '../../../../utils/money-input';

export interface FeePreviewProps {
  /** Null while the form has mistakes. */
  template: ShippingTemplate | null;
  provinces: Region[] | null;
}

export function FeePreview({ template, provinces }: FeePreviewProps) {
  const [province, setProvince] = useState<Region | null>(null);
  const [kg, setKg] = useState('2.5');
  const [goods, setGoods] = useState('');
  const to = province ?? provinces?.[0] ?? null;
  const grams = parseWeightToGrams(kg, 'kg', SHIPPING_GRAMS_MAX);
  const goodsFen = goods.trim() === '' ? { ok: true as const, value: 0 } : parseDecimal(goods, 2);

  let result = t('shipping.previewFix');
  if (template && to && grams.ok && goodsFen.ok) {
    const quote = shippingFeeFor(template, to.code, grams.value, goodsFen.value);
    const where = { province: to.name, weight: formatGrams(quote.weightGrams) };
    if (!quote.ships) result = t('shipping.previewNotShipped', where);
    else if (quote.free) result = t('shipping.previewFree', where);
    else result = t('shipping.previewFee', { ...where, fee: formatFen(quote.fen) });
  }

  return (
    <View className='card fee-preview'>
      <Text className='section-title'>{t('shipping.previewTitle')}</Text>
      <View className='row fee-preview__inputs'>
        <Picker
          mode='selector'
          range={(provinces ?? []).map((p) => p.name)}
          value={Math.max(0, (provinces ?? []).findIndex((p) => p.code === to?.code))}
          disabled={!provinces}
          aria-label={t('shipping.previewProvince')}
          onChange={(event) => setProvince(provinces?.[Number(event.detail.value)] ?? null)}
        >
          <View className='picker-box fee-preview__province'>
            <Text>{to?.name ?? t('common.loading')}</Text>
            <Text>›</Text>
          </View>
        </Picker>
      </View>
      <View className='row fee-preview__inputs'>
        <Input className='input grow' type='digit' value={kg} aria-label={t('shipping.previewKg')} onInput={(event) => setKg(textOf(event))} />
        <Text className='shipping__unit'>kg</Text>
        <Input className='input grow' type='digit' value={goods} placeholder={t('shipping.previewGoodsPlaceholder')} aria-label={t('shipping.previewGoods')} onInput={(event) => setGoods(textOf(event))} />
        <Text className='shipping__unit'>{t('shipping.yuan')}</Text>
      </View>
      <View className='message ok fee-preview__result' role='status'>{result}</View>
    </View>
  );
}
