// Operators' payment incidents: what WeChat Pay reported (a notification, our query, its answer to a
// refund) that the server refused to book: a wrong amount, an unknown order, another merchant's
// payment, a refund we do not know. Money may have moved, so each card gives a person what they
// need to check it in the merchant platform and reach buyer and seller: when, our order number,
// out_trade_no and WeChat's number (each copyable), what we expected against what WeChat Pay said.
import { useCallback, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { PaymentIncidentKind, type PaymentIncidentPage, type PaymentIncidentSource, type PaymentIncidentView } from '../../../../../../contract/payments';
import { EmptyState } from '../../../../components/EmptyState';
import { PagedListBody } from '../../../../components/LoadState';
import { useOnChange } from '../../../../hooks/useOnChange';
import { usePagedList } from '../../../../hooks/usePagedList';
import { t } from '../../../../i18n';
import type { Operator } from '../../../../services/operator';
import { formatFen } from '../../../../utils/format';
import { AccessProblem, accessOf, type Access } from '../../components/AccessProblem';
import { formatWhen } from '../../utils/when';
import './index.scss';

export type IncidentFilter = 'all' | PaymentIncidentKind;
const FILTERS: IncidentFilter[] = ['all', ...PaymentIncidentKind.options];

export interface PaymentIncidentsScreenProps {
  operator: Pick<Operator, 'paymentIncidents'>;
  /** Puts text on the clipboard; false when it did not work. */
  copy: (text: string) => Promise<boolean>;
  openLogin: () => void;
  reachedBottom?: number;
  /** Grows each time the page shows again: incidents may have arrived meanwhile. */
  shown?: number;
}

/** The last copy, shown on the card it was made from (where the thumb is). */
interface Copied {
  incidentId: string;
  ok: boolean;
  text: string;
}

const filterLabel = (filter: IncidentFilter) => (filter === 'all' ? t('payIncidents.filter.all') : t(`payIncidents.kind.${filter}`));

const amountText = (fen: number | null) => (fen === null ? t('payIncidents.unknownAmount') : formatFen(fen));

const sourceText = (source: PaymentIncidentSource): string => t(`payIncidents.source.${source}`);

function CopyLine({ label, value, onCopy }: { label: string; value: string; onCopy: (label: string, value: string) => void }) {
  return (
    <View className='row pay-incident__line'>
      <View className='grow'>
        <Text className='hint pay-incident__label'>{label}</Text>
        <Text className='pay-incident__value' selectable>{value}</Text>
      </View>
      <Button
        className='small-button pay-incident__copy'
        aria-label={t('payIncidents.copyLabel', { what: label })}
        onClick={() => onCopy(label, value)}
      >
        {t('payIncidents.copy')}
      </Button>
    </View>
  );
}

function IncidentCard({ incident, copied, onCopy }: {
  incident: PaymentIncidentView;
  copied: Copied | null;
  onCopy: (label: string, value: string) => void;
}) {
  const kind = t(`payIncidents.kind.${incident.kind}`);
  // A refund we do not know carries WeChat's refund number where a payment carries its transaction id.
  const numberLabel = incident.kind === 'refund_unknown' ? t('payIncidents.refundNo') : t('payIncidents.transactionId');
  return (
    <View className='card pay-incident' role='group' aria-label={kind}>
      <View className='row'>
        <Text className='badge badge--danger'>{kind}</Text>
        <Text className='hint grow pay-incident__when'>{t('operator.when', { at: formatWhen(incident.at) })}</Text>
      </View>

      <View className='row pay-incident__amounts'>
        <View className='pay-incident__amount grow'>
          <Text className='hint pay-incident__label'>{t('payIncidents.expected')}</Text>
          <Text className='pay-incident__money'>{amountText(incident.expectedFen)}</Text>
        </View>
        <View className='pay-incident__amount grow'>
          <Text className='hint pay-incident__label'>{t('payIncidents.reported')}</Text>
          <Text className='pay-incident__money pay-incident__money--reported'>{amountText(incident.reportedFen)}</Text>
        </View>
      </View>

      {incident.orderNo ? (
        <CopyLine label={t('payIncidents.orderNo')} value={incident.orderNo} onCopy={onCopy} />
      ) : (
        <View className='pay-incident__line'>
          <Text className='hint pay-incident__label'>{t('payIncidents.orderNo')}</Text>
          <Text className='pay-incident__value pay-incident__value--none'>{t('payIncidents.noOrder')}</Text>
        </View>
      )}
      <CopyLine label={t('payIncidents.outTradeNo')} value={incident.outTradeNo} onCopy={onCopy} />
      {incident.transactionId && <CopyLine label={numberLabel} value={incident.transactionId} onCopy={onCopy} />}

      <Text className='hint pay-incident__note'>{t('payIncidents.source', { source: sourceText(incident.source) })}</Text>
      {incident.detail && <Text className='hint pay-incident__note'>{t('payIncidents.detail', { detail: incident.detail })}</Text>}

      {copied && (
        <View className={`message ${copied.ok ? 'ok' : 'error'}`} role={copied.ok ? 'status' : 'alert'}>{copied.text}</View>
      )}
    </View>
  );
}

export function PaymentIncidentsScreen({ operator, copy, openLogin, reachedBottom = 0, shown = 0 }: PaymentIncidentsScreenProps) {
  const [filter, setFilter] = useState<IncidentFilter>('all');
  const [access, setAccess] = useState<Access>('ok');
  const [copied, setCopied] = useState<Copied | null>(null);

  const fetchPage = useCallback(
    (page: number) =>
      operator.paymentIncidents({ kind: filter === 'all' ? undefined : filter, page, pageSize: 20 }).then(
        (result) => {
          setAccess('ok');
          return result;
        },
        (failure: unknown) => {
          setAccess(accessOf(failure));
          throw failure;
        },
      ),
    [operator, filter],
  );
  const list = usePagedList<PaymentIncidentView, PaymentIncidentPage>(fetchPage);
  useOnChange(reachedBottom, list.loadMore);
  useOnChange(shown, list.reload);

  async function copyFrom(incidentId: string, label: string, value: string) {
    const ok = await copy(value);
    setCopied({ incidentId, ok, text: ok ? t('payIncidents.copied', { what: label, value }) : t('payIncidents.copyFailed') });
  }

  if (access !== 'ok') return <AccessProblem access={access} openLogin={openLogin} />;

  return (
    <View className='screen pay-incidents'>
      <View className='message notice pay-incidents__explain'>{t('payIncidents.explain')}</View>

      <View className='chips' role='tablist'>
        {FILTERS.map((each) => (
          <View
            key={each}
            className={`chip ${each === filter ? 'chip--on' : ''}`}
            role='tab'
            aria-selected={each === filter}
            onClick={() => {
              setCopied(null);
              setFilter(each);
            }}
          >
            {filterLabel(each)}
          </View>
        ))}
      </View>

      <PagedListBody list={list} shown={list.items.length} empty={<EmptyState mark='付' title={t('payIncidents.empty')} hint={t('payIncidents.emptyHint')} />}>
        <View className='hint pay-incidents__count'>{t('payIncidents.count', { count: list.first?.total ?? list.items.length })}</View>
        {list.items.map((incident) => (
          <IncidentCard
            key={incident.id}
            incident={incident}
            copied={copied?.incidentId === incident.id ? copied : null}
            onCopy={(label, value) => void copyFrom(incident.id, label, value)}
          />
        ))}
      </PagedListBody>
    </View>
  );
}
