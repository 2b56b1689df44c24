// The shop's buyers: searched by name or phone digits, filtered by a tag; each with where they
// live, how often they bought, what they paid in all and when last. Tapping opens the buyer.
import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { CustomerCard, CustomerPage } from '../../../../../../contract/orders';
import type { ShopView } from '../../../../../../contract/shops';
import { EmptyState } from '../../../../components/EmptyState';
import { PagedListBody } from '../../../../components/LoadState';
import { useOnChange } from '../../../../hooks/useOnChange';
import { usePagedList } from '../../../../hooks/usePagedList';
import { t } from '../../../../i18n';
import type { Navigate } from '../../../../services/platform';
import type { Seller } from '../../../../services/seller';
import type { SellerOrders } from '../../../../services/seller-orders';
import { formatFen } from '../../../../utils/format';
import { formatWhen } from '../../../../utils/when';
import { SearchBox } from '../../components/SearchBox';
import { ShopGate } from '../../components/ShopGate';
import { tagChoices } from './tags';
import './index.scss';

export interface CustomersScreenProps {
  seller: Pick<Seller, 'myShop'>;
  orders: Pick<SellerOrders, 'shopCustomers'>;
  go: Navigate;
  reachedBottom?: number;
  shown?: number;
}

function CustomerRow({ customer, onOpen }: { customer: CustomerCard; onOpen: () => void }) {
  return (
    <View className='card customer-row' role='link' aria-label={customer.name} onClick={onOpen}>
      <View className='row'>
        <Text className='grow customer-row__name'>{customer.name}</Text>
        <Text>{customer.phoneMasked}</Text>
      </View>
      <Text className='hint'>{customer.province}</Text>
      <View className='row customer-row__figures'>
        <Text className='grow'>{t('customers.orderCount', { count: customer.orderCount })}</Text>
        <Text className='price'>{t('customers.paid', { amount: formatFen(customer.paidFen) })}</Text>
      </View>
      <Text className='hint customer-row__last'>{t('customers.lastOrder', { at: formatWhen(customer.lastOrderAt) })}</Text>
      {customer.tags.length > 0 && (
        <View>{customer.tags.map((tag) => <Text key={tag} className='badge'>{tag}</Text>)}</View>
      )}
    </View>
  );
}

function CustomersOfShop({ shop, orders, go, reachedBottom, shown }: Omit<CustomersScreenProps, 'seller'> & { shop: ShopView }) {
  const [words, setWords] = useState('');
  const [tag, setTag] = useState<string | null>(null);
  const fetchPage = useCallback(
    (page: number) => orders.shopCustomers(shop.id, { q: words || undefined, tag: tag ?? undefined, page, pageSize: 20 }),
    [orders, shop.id, words, tag],
  );
  const list = usePagedList<CustomerCard, CustomerPage>(fetchPage);
  useOnChange(reachedBottom ?? 0, list.loadMore);
  useOnChange(shown ?? 0, list.reload);
  const tags = tagChoices(list.items.map((customer) => customer.tags));

  return (
    <View className='screen customers'>
      <SearchBox label={t('customers.searchLabel')} placeholder={t('customers.searchPlaceholder')} value={words} onSearch={setWords} maxlength={20} />
      <View className='chips' role='tablist'>
        <View className={`chip ${tag === null ? 'chip--on' : ''}`} role='tab' aria-selected={tag === null} onClick={() => setTag(null)}>{t('customers.allTags')}</View>
        {tags.map((choice) => (
          <View key={choice} className={`chip ${tag === choice ? 'chip--on' : ''}`} role='tab' aria-selected={tag === choice} onClick={() => setTag(choice)}>{choice}</View>
        ))}
      </View>
      <PagedListBody
        list={list}
        shown={list.items.length}
        empty={<EmptyState mark='客' title={t(words || tag ? 'customers.noneFound' : 'customers.emptyTitle')} hint={t('customers.emptyHint')} />}
      >
        <View className='hint customers__count'>{t('customers.count', { count: list.first?.total ?? list.items.length })}</View>
        {list.items.map((customer) => <CustomerRow key={customer.id} customer={customer} onOpen={() => go('sellerCustomer', { id: customer.id })} />)}
      </PagedListBody>
    </View>
  );
}

export function CustomersScreen(props: CustomersScreenProps) {
  return <ShopGate seller={props.seller} go={props.go}>{(shop) => <CustomersOfShop {...props} shop={shop} />}</ShopGate>;
}
