// An order's money after it is paid, as the buyer's and the seller's order pages both show it:
// what was paid (and WeChat's transaction number), what went back and what may still go back,
// each refund (why, how much, where it stands) and the buyer's refund request with its answer.
import { Text, View } from '@tarojs/components';
import type { OrderLineView } from '../../../../contract/orders';
import type { OrderMoneyView, RefundRequestView, RefundView } from '../../../../contract/payments';
import { t } from '../../i18n';
import { packedText } from '../OrderSummary';
import { formatFen } from '../../utils/format';
import { formatWhen } from '../../utils/when';
import './index.scss';

export interface RefundsProps {
  money: OrderMoneyView;
  /** The order's lines: under a weight refund, the short lines ("实发 2.35 kg（订 2.5 kg）"). */
  lines?: OrderLineView[];
}

/** Whether an order has any money to show: paid, or a refund or request on record. */
export const hasMoneyToShow = (money: OrderMoneyView): boolean =>
  money.paidFen > 0 || money.refunds.length > 0 || money.refundRequest !== null;

export function Refunds({ money, lines = [] }: RefundsProps) {
  const shortLines = lines.filter((line) => packedText(line) !== null);
  return (
    <View className='card refunds' data-testid='refunds'>
      <View className='section-title'>{t('refunds.title')}</View>
      <View className='money-row refunds__paid'>
        <Text>{t('refunds.paid')}</Text>
        <Text>{formatFen(money.paidFen)}</Text>
      </View>
      {money.transactionId && (
        <View className='money-row refunds__transaction'>
          <Text className='hint'>{t('refunds.transactionId')}</Text>
          <Text className='hint refunds__number'>{money.transactionId}</Text>
        </View>
      )}
      {money.refundedFen > 0 && (
        <View className='money-row refunds__refunded'>
          <Text>{t('refunds.refunded')}</Text>
          <Text className='price'>{formatFen(money.refundedFen)}</Text>
        </View>
      )}
      {money.refundedFen > 0 && money.refundableFen > 0 && (
        <View className='money-row refunds__refundable'>
          <Text className='hint'>{t('refunds.refundable')}</Text>
          <Text className='hint'>{formatFen(money.refundableFen)}</Text>
        </View>
      )}
      {money.refunds.map((refund) => (
        <RefundRow key={refund.refundNo} refund={refund} shortLines={refund.kind === 'weight' ? shortLines : []} />
      ))}
      {money.refundRequest && <RequestRow request={money.refundRequest} />}
    </View>
  );
}

function RefundRow({ refund, shortLines }: { refund: RefundView; shortLines: OrderLineView[] }) {
  return (
    <View className={`refund refund--${refund.status}`} data-testid='refund' data-refund-no={refund.refundNo}>
      <View className='refund__head'>
        <Text className='refund__kind'>{t(`refunds.kind.${refund.kind}`)}</Text>
        <Text className='price refund__amount'>{formatFen(refund.amountFen)}</Text>
      </View>
      <View className='refund__head'>
        <Text className={`badge refund__status refund__status--${refund.status}`}>{t(`refunds.status.${refund.status}`)}</Text>
        <Text className='hint'>{formatWhen(refund.settledAt ?? refund.createdAt)}</Text>
      </View>
      {refund.reason && <Text className='hint refund__reason'>{t('refunds.reason', { reason: refund.reason })}</Text>}
      {refund.channel === 'offline' && <Text className='hint'>{t('refunds.offline')}</Text>}
      {shortLines.map((line) => (
        <Text key={line.variantId} className='hint refund__line'>{`${line.title} ${line.variantName}：${packedText(line) ?? ''}`}</Text>
      ))}
    </View>
  );
}

function RequestRow({ request }: { request: RefundRequestView }) {
  return (
    <View className={`refund refund-request refund-request--${request.status}`} data-testid='refund-request'>
      <View className='refund__head'>
        <Text className='refund__kind'>{t('refunds.request')}</Text>
        <Text className='price refund__amount'>{formatFen(request.amountFen)}</Text>
      </View>
      <View className='refund__head'>
        <Text className={`badge refund-request__status refund-request__status--${request.status}`}>{t(`refunds.request.${request.status}`)}</Text>
        <Text className='hint'>{formatWhen(request.answeredAt ?? request.at)}</Text>
      </View>
      <Text className='hint refund__reason'>{t('refunds.reason', { reason: request.reason })}</Text>
      {request.answer && <Text className='refund-request__answer'>{t('refunds.answer', { answer: request.answer })}</Text>}
    </View>
  );
}
