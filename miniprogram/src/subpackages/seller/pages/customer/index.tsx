// One of the shop's buyers (subpackage): `?id=`.
import { useRouter } from '@tarojs/taro';
import { useReachedBottom } from '../../../../hooks/useReachedBottom';
import { usePageTitle } from '../../../../i18n/usePageTitle';
import { client } from '../../../../services';
import { openPage } from '../../../../services/platform';
import { CustomerScreen } from './CustomerScreen';

export default function SellerCustomerPage() {
  usePageTitle('customers.detail.title');
  const { params } = useRouter();
  const bottom = useReachedBottom();
  return <CustomerScreen customerId={params.id ?? ''} seller={client} orders={client} go={openPage} reachedBottom={bottom} />;
}
