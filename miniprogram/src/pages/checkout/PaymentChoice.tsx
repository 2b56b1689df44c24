// How to pay, on the checkout page. Where the shop takes WeChat Pay the buyer may still pay the
// seller directly (a transfer, cash), so both are offered as two big rows, WeChat Pay first and
// recommended (the seller ships once WeChat confirms the money); with one way only, it is just said.
import { Text, View } from '@tarojs/components';
import type { PaymentMethod } from '../../../../contract/orders';
import { t } from '../../i18n';

/** The order the ways to pay are listed in, whatever order the quote gives. */
const LISTED: PaymentMethod[] = ['wechat', 'direct'];

const NAME = { wechat: 'checkout.methodWechat', direct: 'checkout.methodDirect' } as const;
const HINT = { wechat: 'checkout.methodWechatHint', direct: 'checkout.methodDirectHint' } as const;

export interface PaymentChoiceProps {
  /** What the shop offers (the quote's `paymentMethods`). */
  offered: PaymentMethod[];
  chosen: PaymentMethod;
  onChoose: (method: PaymentMethod) => void;
  /** Minutes to pay before the order is cancelled; null until the quote is in. */
  unpaidMinutes: number | null;
}

function MethodRow({ method, on, onChoose }: { method: PaymentMethod; on: boolean; onChoose: () => void }) {
  const recommended = method === 'wechat';
  const label = t(recommended ? 'checkout.methodLabelRecommended' : 'checkout.methodLabel', { name: t(NAME[method]), hint: t(HINT[method]) });
  return (
    <View
      className={`pay-option ${on ? 'pay-option--on' : ''}`}
      role='radio'
      aria-checked={on}
      aria-label={label}
      data-method={method}
      onClick={onChoose}
    >
      <View className='pay-option__dot' />
      <View className='pay-option__body'>
        <View>
          <Text className='pay-option__name'>{t(NAME[method])}</Text>
          {recommended && <Text className='badge pay-option__badge'>{t('checkout.recommended')}</Text>}
        </View>
        <Text className='pay-option__hint'>{t(HINT[method])}</Text>
      </View>
    </View>
  );
}

export function PaymentChoice({ offered, chosen, onChoose, unpaidMinutes }: PaymentChoiceProps) {
  const methods = LISTED.filter((method) => offered.includes(method));
  return (
    <View className='card checkout-payment'>
      <View className='section-title'>{t('checkout.payment')}</View>
      {methods.length > 1 ? (
        <View role='radiogroup' aria-label={t('checkout.payment')}>
          {methods.map((method) => (
            <MethodRow key={method} method={method} on={method === chosen} onChoose={() => onChoose(method)} />
          ))}
        </View>
      ) : (
        <View className='address-option address-option--on' role='radio' aria-checked>
          <Text>{t(chosen === 'wechat' ? 'checkout.paymentWechat' : 'checkout.paymentDirect')}</Text>
        </View>
      )}
      {unpaidMinutes !== null && <Text className='hint'>{t('checkout.unpaidMinutes', { minutes: unpaidMinutes })}</Text>}
    </View>
  );
}
