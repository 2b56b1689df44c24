// Platform admin (operator subpackage): every shop, search, suspend and reinstate.
import { useState } from 'react';
import { useReachBottom } from '@tarojs/taro';
import { useShownAgain } from '../../../../hooks/useShownAgain';
import { usePageTitle } from '../../../../i18n/usePageTitle';
import { client } from '../../../../services';
import { confirmAction, openMeTab, openPage } from '../../../../services/platform';
import { OperatorShopsScreen } from './OperatorShopsScreen';

export default function OperatorShopsPage() {
  usePageTitle('operator.shopsTitle');
  const [bottom, setBottom] = useState(0);
  useReachBottom(() => setBottom((n) => n + 1));
  const shown = useShownAgain();
  return (
    <OperatorShopsScreen operator={client} go={openPage} openLogin={openMeTab} confirm={confirmAction} reachedBottom={bottom} shown={shown} />
  );
}
