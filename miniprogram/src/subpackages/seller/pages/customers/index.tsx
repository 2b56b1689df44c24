// The shop's buyers (subpackage): search and tag filter; opens a buyer.
import { useReachedBottom } from '../../../../hooks/useReachedBottom';
import { useShownAgain } from '../../../../hooks/useShownAgain';
import { usePageTitle } from '../../../../i18n/usePageTitle';
import { client } from '../../../../services';
import { openPage } from '../../../../services/platform';
import { CustomersScreen } from './CustomersScreen';

export default function SellerCustomersPage() {
  usePageTitle('customers.title');
  const bottom = useReachedBottom();
  const shown = useShownAgain();
  return <CustomersScreen seller={client} orders={client} go={openPage} reachedBottom={bottom} shown={shown} />;
}
