// One of the shop's buyers: who they are, the addresses they used, the seller's note and tags
// (saved with the buyer's version, so two phones cannot overwrite each other), and their orders.
import { useCallback, useEffect, useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { CUSTOMER_NOTE_MAX } from '../../../../../../contract/limits';
import type { CustomerView, OrderCard, OrderPage } from '../../../../../../contract/orders';
import type { ShopView } from '../../../../../../contract/shops';
import { Field } from '../../../../components/Field';
import { textOf } from '../../../../components/Field/events';
import { LoadFailed, Loading, PagedListBody } from '../../../../components/LoadState';
import { Outcome } from '../../../../components/Outcome';
import { useFormActions } from '../../../../hooks/useFormActions';
import { useOnChange } from '../../../../hooks/useOnChange';
import { messageOf, usePagedList } from '../../../../hooks/usePagedList';
import { t } from '../../../../i18n';
import type { Navigate } from '../../../../services/platform';
import type { Seller } from '../../../../services/seller';
import type { SellerOrders } from '../../../../services/seller-orders';
import { formatFen } from '../../../../utils/format';
import { formatRegion } from '../../../../utils/region';
import { formatWhen } from '../../../../utils/when';
import { OrderCardRow } from '../../components/OrderCardRow';
import { ShopGate } from '../../components/ShopGate';
import { TagsEditor } from './TagsEditor';
import './index.scss';

export interface CustomerScreenProps {
  customerId: string;
  seller: Pick<Seller, 'myShop'>;
  orders: Pick<SellerOrders, 'shopCustomer' | 'updateCustomer' | 'shopOrders'>;
  go: Navigate;
  reachedBottom?: number;
}

type Load = { phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'ready'; customer: CustomerView };

const sameTags = (a: string[], b: string[]) => a.length === b.length && a.every((tag, i) => tag === b[i]);

function CustomerOrders({ shop, customerId, orders, go, reachedBottom }: Omit<CustomerScreenProps, 'seller'> & { shop: ShopView }) {
  const fetchPage = useCallback((page: number) => orders.shopOrders(shop.id, { customerId, page, pageSize: 10 }), [orders, shop.id, customerId]);
  const list = usePagedList<OrderCard, OrderPage>(fetchPage);
  useOnChange(reachedBottom ?? 0, list.loadMore);
  return (
    <>
      <View className='section-title'>{t('customers.detail.orders')}</View>
      <PagedListBody list={list} shown={list.items.length} empty={<View className='hint'>{t('customers.detail.noOrders')}</View>}>
        {list.items.map((card) => <OrderCardRow key={card.id} card={card} onOpen={() => go('sellerOrder', { id: card.id })} />)}
      </PagedListBody>
    </>
  );
}

function CustomerOfShop(props: Omit<CustomerScreenProps, 'seller'> & { shop: ShopView }) {
  const { shop, customerId, orders } = props;
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  const [note, setNote] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const actions = useFormActions(() => undefined, t('customers.detail.versionConflict'));
  const { run, say, clear } = actions;

  const show = useCallback((customer: CustomerView) => {
    setLoad({ phase: 'ready', customer });
    setNote(customer.note);
    setTags(customer.tags);
  }, []);

  const reload = useCallback(() => {
    setLoad({ phase: 'loading' });
    clear();
    orders.shopCustomer(shop.id, customerId).then(show, (error: unknown) => setLoad({ phase: 'failed', message: messageOf(error) }));
  }, [orders, shop.id, customerId, show, clear]);
  useEffect(() => reload(), [reload]);

  if (load.phase === 'loading') return <View className='screen'><Loading /></View>;
  if (load.phase === 'failed') return <View className='screen'><LoadFailed message={load.message} onRetry={reload} /></View>;
  const { customer } = load;
  const changed = note.trim() !== customer.note || !sameTags(tags, customer.tags);

  function save() {
    void run(async () => {
      show(await orders.updateCustomer(shop.id, customer.id, { note: note.trim(), tags, version: customer.version }));
      say(t('customers.detail.saved'));
    });
  }

  return (
    <View className='screen customer with-bottom-bar'>
      <View className='card'>
        <View className='row'>
          <Text className='grow title'>{customer.name}</Text>
          <Text>{customer.phoneMasked}</Text>
        </View>
        <Text className='hint'>{t('customers.detail.nickname', { name: customer.nickname, province: customer.province })}</Text>
        <View className='customer__figures'>
          <View className='row'><Text className='grow'>{t('customers.detail.orderCount')}</Text><Text>{customer.orderCount}</Text></View>
          <View className='row'><Text className='grow'>{t('customers.detail.paidTotal')}</Text><Text className='price'>{formatFen(customer.paidFen)}</Text></View>
          <View className='row'><Text className='grow'>{t('customers.detail.firstOrder')}</Text><Text>{formatWhen(customer.firstOrderAt)}</Text></View>
          <View className='row'><Text className='grow'>{t('customers.detail.lastOrder')}</Text><Text>{formatWhen(customer.lastOrderAt)}</Text></View>
        </View>
      </View>

      <View className='card'>
        <Field label={t('customers.detail.note')} count={{ used: note.trim().length, max: CUSTOMER_NOTE_MAX }}>
          <Textarea
            className='textarea'
            value={note}
            maxlength={CUSTOMER_NOTE_MAX}
            placeholder={t('customers.detail.notePlaceholder')}
            aria-label={t('customers.detail.note')}
            onInput={(event) => setNote(textOf(event))}
          />
        </Field>
        <Field label={t('customers.detail.tags')}>
          <TagsEditor tags={tags} onChange={setTags} />
        </Field>
      </View>

      {customer.addresses.length > 0 && (
        <View className='card'>
          <Text className='section-title'>{t('customers.detail.addresses')}</Text>
          {customer.addresses.map((address, index) => (
            <View key={index} className='customer__address'>
              <Text>{`${address.name} ${address.phoneMasked}`}</Text>
              <Text className='hint customer__address-text'>{`${formatRegion(address.region)} ${address.detail}`}</Text>
            </View>
          ))}
        </View>
      )}

      <CustomerOrders {...props} />

      <View className='bottom-bar'>
        <Outcome actions={actions} onReload={reload} />
        <View className='bottom-bar__main'>
          <Button className='big-button customer-save' disabled={actions.busy || !changed ? true : undefined} onClick={save}>{t('customers.detail.save')}</Button>
        </View>
      </View>
    </View>
  );
}

export function CustomerScreen(props: CustomerScreenProps) {
  return <ShopGate seller={props.seller} go={props.go}>{(shop) => <CustomerOfShop {...props} shop={shop} />}</ShopGate>;
}
