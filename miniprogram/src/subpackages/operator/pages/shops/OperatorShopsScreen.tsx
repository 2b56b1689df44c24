// Operators' shops: every shop, searched by name and filtered (all / active / suspended), with
// its region, status, the platform's reason when suspended and its WeChat Pay (on or off, its
// sub-merchant id). Tapping a shop opens a sheet at the bottom to suspend it (a reason is
// required) or lift the suspension, each after a yes/no, and to set its sub-merchant id.
// The bottom bar leads on to the review queue and the payment incidents.
import { useCallback, useState, type ReactNode } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { PaymentSettingsView } from '../../../../../../contract/payments';
import type { AdminShopPage, ShopView } from '../../../../../../contract/shops';
import type { PaymentSettingsApi } from '../../../../components/PaymentSettingsForm/usePaymentSettings';
import { EmptyState } from '../../../../components/EmptyState';
import { PagedListBody } from '../../../../components/LoadState';
import { Tabs } from '../../../../components/Tabs';
import { useOnChange } from '../../../../hooks/useOnChange';
import { usePagedList } from '../../../../hooks/usePagedList';
import { t } from '../../../../i18n';
import type { Operator } from '../../../../services/operator';
import type { Navigate, confirmAction } from '../../../../services/platform';
import { formatRegion } from '../../../../utils/region';
import { textOf } from '../../../../components/Field/events';
import { Outcome } from '../../../../components/Outcome';
import { ShopStatusBadge } from '../../../../components/ShopStatusBadge';
import { useFormActions } from '../../../../hooks/useFormActions';
import { AccessProblem, accessOf, type Access } from '../../components/AccessProblem';
import { PaymentStatus } from '../../components/PaymentStatus';
import { ShopPaymentSheet } from '../../components/PaymentStatus/ShopPaymentSheet';
import { ReasonField, useReason } from '../../components/ReasonField';
import { formatWhen } from '../../utils/when';
import './index.scss';

export type Filter = 'all' | 'active' | 'suspended';
const FILTERS: Filter[] = ['all', 'active', 'suspended'];
const SUSPENDED: Record<Filter, boolean | undefined> = { all: undefined, active: false, suspended: true };

export interface OperatorShopsScreenProps {
  operator: Pick<Operator, 'adminShops' | 'suspendShop' | 'unsuspendShop'>;
  /** Each shop's payment settings (operators may read and set them). */
  payments: PaymentSettingsApi;
  go: Navigate;
  openLogin: () => void;
  confirm: typeof confirmAction;
  reachedBottom?: number;
  /** Grows each time the page shows again (back from the review queue). */
  shown?: number;
}

function ShopRow({ shop, onOpen, payment }: { shop: ShopView; onOpen: () => void; payment: ReactNode }) {
  return (
    <View className='card admin-shop' role='button' aria-label={shop.name} onClick={onOpen}>
      <View className='row'>
        <Text className='admin-shop__name grow'>{shop.name}</Text>
        <ShopStatusBadge shop={shop} />
      </View>
      <Text className='hint'>{formatRegion(shop.region)}</Text>
      {payment}
      {shop.suspended && (
        <View className='admin-shop__reason'>
          {t('operator.suspendedBecause', { at: formatWhen(shop.suspended.at), reason: shop.suspended.reason })}
        </View>
      )}
    </View>
  );
}

export function OperatorShopsScreen({ operator, payments, go, openLogin, confirm, reachedBottom = 0, shown = 0 }: OperatorShopsScreenProps) {
  const [draft, setDraft] = useState('');
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [access, setAccess] = useState<Access>('ok');
  // Shops changed here, shown as changed without reloading the list under the operator's thumb.
  const [changed, setChanged] = useState<Record<string, ShopView>>({});
  const [selected, setSelected] = useState<ShopView | null>(null);
  // Payment settings saved in the sheet, shown on the list without asking again.
  const [payChanged, setPayChanged] = useState<Record<string, PaymentSettingsView>>({});
  const reason = useReason();
  const actions = useFormActions(() => undefined);
  const { busy, run, say, clear } = actions;

  const fetchPage = useCallback(
    (page: number) =>
      operator.adminShops({ q: query || undefined, suspended: SUSPENDED[filter], page, pageSize: 20 }).then(
        (result) => {
          setAccess('ok');
          // A fresh first page shows the server's truth; later pages keep what was changed here.
          if (page === 1) setChanged({});
          return result;
        },
        (failure: unknown) => {
          setAccess(accessOf(failure));
          throw failure;
        },
      ),
    [operator, query, filter],
  );
  const list = usePagedList<ShopView, AdminShopPage>(fetchPage);
  useOnChange(reachedBottom, list.loadMore);
  useOnChange(shown, list.reload);

  function search() {
    setSelected(null);
    setQuery(draft.trim());
  }

  function open(shop: ShopView) {
    clear();
    setSelected(shop);
    reason.reset();
  }

  function changedTo(shop: ShopView, notice: string) {
    setChanged((shown) => ({ ...shown, [shop.id]: shop }));
    setSelected(null);
    say(notice);
  }

  async function suspend(shop: ShopView) {
    const why = reason.checked();
    if (why === null) return;
    const yes = await confirm(t('operator.suspendTitle', { name: shop.name }), t('operator.suspendConfirm'), t('operator.suspendYes'), t('common.cancel'));
    if (!yes) return;
    await run(async () => {
      const done = await operator.suspendShop(shop.id, why);
      changedTo(done, t('operator.suspendDone', { name: done.name }));
    });
  }

  async function unsuspend(shop: ShopView) {
    const yes = await confirm(t('operator.unsuspendTitle', { name: shop.name }), t('operator.unsuspendConfirm'), t('operator.unsuspendYes'), t('common.cancel'));
    if (!yes) return;
    await run(async () => {
      const done = await operator.unsuspendShop(shop.id);
      changedTo(done, t('operator.unsuspendDone', { name: done.name }));
    });
  }

  if (access !== 'ok') return <AccessProblem access={access} openLogin={openLogin} />;

  const disabled = busy ? true : undefined;
  const shops = list.items.map((shop) => changed[shop.id] ?? shop);
  return (
    <View className='screen admin-shops with-bottom-bar'>
      <Tabs
        tabs={FILTERS}
        on={filter}
        label={(tab) => t(`operator.filter.${tab}`)}
        onPick={(tab) => {
          setSelected(null);
          setFilter(tab);
        }}
      />

      <View className='row admin-shops__search'>
        <Input
          className='input grow admin-shops__search-input'
          value={draft}
          placeholder={t('operator.searchPlaceholder')}
          aria-label={t('operator.searchLabel')}
          confirmType='search'
          onInput={(event) => setDraft(textOf(event))}
          onConfirm={search}
        />
        <Button className='small-button admin-shops__search-button' onClick={search}>{t('operator.search')}</Button>
      </View>

      <PagedListBody list={list} shown={shops.length} empty={<EmptyState mark='店' title={t('operator.noShops')} hint={t('operator.noShopsHint')} />}>
        <View className='hint admin-shops__count'>{t('operator.shopCount', { count: list.first?.total ?? shops.length })}</View>
        {shops.map((shop) => (
          <ShopRow key={shop.id} shop={shop} onOpen={() => open(shop)} payment={<PaymentStatus shopId={shop.id} payments={payments} saved={payChanged[shop.id]} />} />
        ))}
      </PagedListBody>

      <View className='bottom-bar'>
        <Outcome actions={actions} onReload={list.reload} />
        <View className='bottom-bar__main'>
          {selected ? (
            <View className='admin-sheet' role='dialog' aria-label={selected.name}>
              <View className='row'>
                <Text className='admin-sheet__title grow'>{selected.name}</Text>
                <ShopStatusBadge shop={selected} />
              </View>
              {selected.suspended ? (
                <>
                  <View className='message notice'>
                    {t('operator.suspendedBecause', { at: formatWhen(selected.suspended.at), reason: selected.suspended.reason })}
                  </View>
                  <Button className='big-button' disabled={disabled} onClick={() => void unsuspend(selected)}>{t('operator.unsuspend')}</Button>
                </>
              ) : (
                <>
                  <ReasonField reason={reason} placeholder={t('operator.suspendPlaceholder')} />
                  <Button className='big-button danger' disabled={disabled} onClick={() => void suspend(selected)}>{t('operator.suspend')}</Button>
                </>
              )}
              <ShopPaymentSheet
                shopId={selected.id}
                payments={payments}
                onSaved={(settings) => setPayChanged((saved) => ({ ...saved, [selected.id]: settings }))}
              />
              <Button className='big-button quiet admin-sheet__close' onClick={() => setSelected(null)}>{t('operator.close')}</Button>
            </View>
          ) : (
            <View className='row admin-shops__ways'>
              <Button className='big-button secondary' onClick={() => go('operatorReview')}>{t('operator.openReview')}</Button>
              <Button className='big-button secondary' onClick={() => go('operatorPayments')}>{t('payIncidents.title')}</Button>
            </View>
          )}
        </View>
      </View>
    </View>
  );
}
