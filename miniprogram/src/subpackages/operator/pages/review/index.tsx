// Product review (operator subpackage): the queue WeChat's content check flagged; clear or take down.
import { useReachedBottom } from '../../../../hooks/useReachedBottom';
import { useShownAgain } from '../../../../hooks/useShownAgain';
import { usePageTitle } from '../../../../i18n/usePageTitle';
import { client } from '../../../../services';
import { confirmAction, openMeTab, previewImages } from '../../../../services/platform';
import { ReviewScreen } from './ReviewScreen';

export default function OperatorReviewPage() {
  usePageTitle('operator.reviewTitle');
  const bottom = useReachedBottom();
  const shown = useShownAgain();
  return (
    <ReviewScreen operator={client} openLogin={openMeTab} confirm={confirmAction} preview={previewImages} reachedBottom={bottom} shown={shown} />
  );
}
