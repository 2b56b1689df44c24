// Home: the directory of shops, wired to the real client.
import { useReachedBottom } from '../../hooks/useReachedBottom';
import { usePageTitle } from '../../i18n/usePageTitle';
import { client } from '../../services';
import { openPage } from '../../services/platform';
import { HomeScreen } from './HomeScreen';

export default function HomePage() {
  usePageTitle('app.name');
  const bottom = useReachedBottom();
  return <HomeScreen catalog={client} go={openPage} reachedBottom={bottom} />;
}
