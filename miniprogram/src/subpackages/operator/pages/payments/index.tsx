// Payment incidents (operator subpackage): what WeChat Pay reported that was not booked.
import { useReachedBottom } from '../../../../hooks/useReachedBottom';
import { useShownAgain } from '../../../../hooks/useShownAgain';
import { usePageTitle } from '../../../../i18n/usePageTitle';
import { client } from '../../../../services';
import { openMeTab, setClipboard } from '../../../../services/platform';
import { PaymentIncidentsScreen } from './PaymentIncidentsScreen';

export default function OperatorPaymentsPage() {
  usePageTitle('payIncidents.title');
  const bottom = useReachedBottom();
  const shown = useShownAgain();
  return <PaymentIncidentsScreen operator={client} copy={setClipboard} openLogin={openMeTab} reachedBottom={bottom} shown={shown} />;
}
