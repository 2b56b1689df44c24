// "接收新订单提醒": WeChat sends a subscription message only after the person said yes in its
// dialog, one message per yes, and shows the dialog only straight from a tap, so the template id
// is fetched beforehand and the dialog opened first thing in the tap.
import { useEffect, useState } from 'react';
import { Button, View } from '@tarojs/components';
import type { ClientConfig } from '../../../../../../contract/auth';
import { messageOf } from '../../../../hooks/usePagedList';
import { t } from '../../../../i18n';
import type { Orders } from '../../../../services/orders';
import type { SubscribeAnswers } from '../../../../services/platform';

export interface NewOrderAlertsProps {
  config: () => Promise<ClientConfig>;
  orders: Pick<Orders, 'reportSubscriptions'>;
  requestSubscribe: (templateIds: string[], simulatorSubscribePath: string | null) => Promise<SubscribeAnswers | null>;
}

type Said = { ok: boolean; text: string } | null;

export function NewOrderAlerts({ config, orders, requestSubscribe }: NewOrderAlertsProps) {
  const [loaded, setLoaded] = useState<ClientConfig | null>(null);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<Said>(null);

  useEffect(() => {
    config().then(setLoaded, () => setLoaded(null));
  }, [config]);

  function ask() {
    const templateId = loaded?.subscribeTemplates.new_order ?? null;
    if (!loaded || !templateId) {
      setSaid({ ok: false, text: t('sellerHome.alertsUnavailable') });
      return;
    }
    // Opened before anything is awaited: WeChat refuses a dialog that does not follow a tap.
    const asking = requestSubscribe([templateId], loaded.simulatorSubscribePath);
    setBusy(true);
    setSaid(null);
    void (async () => {
      try {
        const answers = await asking;
        if (!answers || answers[templateId] !== 'accept') {
          setSaid({ ok: false, text: t('sellerHome.alertsDeclined') });
          if (answers) await orders.reportSubscriptions(answers);
          return;
        }
        const { credits } = await orders.reportSubscriptions(answers);
        setSaid({ ok: true, text: t('sellerHome.alertsOn', { count: credits.new_order }) });
      } catch (error) {
        setSaid({ ok: false, text: messageOf(error) });
      } finally {
        setBusy(false);
      }
    })();
  }

  return (
    <View className='seller-home__alerts'>
      <Button className='big-button secondary seller-home-alerts' disabled={busy ? true : undefined} onClick={ask}>{t('sellerHome.alerts')}</Button>
      {said && <View className={`message ${said.ok ? 'ok' : 'notice'}`} role='status'>{said.text}</View>}
      <View className='hint seller-home__alerts-hint'>{t('sellerHome.alertsHint')}</View>
    </View>
  );
}
