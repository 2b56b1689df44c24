// Platform admin (operator subpackage): every shop, search, suspend and reinstate, WeChat Pay settings.
import { useReachedBottom } from '../../../../hooks/useReachedBottom';
import { useShownAgain } from '../../../../hooks/useShownAgain';
import { usePageTitle } from '../../../../i18n/usePageTitle';
import { client } from '../../../../services';
import { confirmAction, openMeTab, openPage } from '../../../../services/platform';
import { OperatorShopsScreen } from './OperatorShopsScreen';

export default function OperatorShopsPage() {
  usePageTitle('operator.shopsTitle');
  const bottom = useReachedBottom();
  const shown = useShownAgain();
  return (
    <OperatorShopsScreen operator={client} payments={client} go={openPage} openLogin={openMeTab} confirm={confirmAction} reachedBottom={bottom} shown={shown} />
  );
}
