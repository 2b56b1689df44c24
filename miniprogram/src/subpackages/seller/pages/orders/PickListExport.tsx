// "导出拣货单": the paid orders as a CSV for printing waybills. The browser saves it at once;
// WeChat can pass a file on only from a tap, so after the download a second button sends it to a
// chat (the seller's "文件传输助手", opened on a computer to print).
import { useState } from 'react';
import { Button, View } from '@tarojs/components';
import { messageOf } from '../../../../hooks/usePagedList';
import { t } from '../../../../i18n';
import type { FileHandOff } from '../../../../services/platform';
import { chinaDay } from '../../../../utils/when';

export interface PickListFiles {
  download: () => Promise<string>;
  handOff: (filePath: string, fileName: string) => Promise<FileHandOff>;
  /** WeChat: the hand-off needs a tap of its own. */
  handOffNeedsTap: boolean;
}

type State =
  | { step: 'idle' }
  | { step: 'downloading' }
  | { step: 'ready'; filePath: string }
  | { step: 'done' }
  | { step: 'failed'; message: string };

export function PickListExport({ files }: { files: PickListFiles }) {
  const [state, setState] = useState<State>({ step: 'idle' });
  const fileName = t('sellerOrders.pickListFile', { day: chinaDay() });

  async function handOff(filePath: string) {
    const result = await files.handOff(filePath, fileName);
    if (result === 'done') setState({ step: 'done' });
    else if (result === 'cancelled') setState({ step: 'ready', filePath });
    else setState({ step: 'failed', message: t('sellerOrders.pickListFailed') });
  }

  async function exportList() {
    setState({ step: 'downloading' });
    let filePath: string;
    try {
      filePath = await files.download();
    } catch (error) {
      setState({ step: 'failed', message: messageOf(error) });
      return;
    }
    if (files.handOffNeedsTap) setState({ step: 'ready', filePath });
    else await handOff(filePath);
  }

  return (
    <View className='pick-list'>
      {state.step === 'ready' ? (
        <>
          <View className='hint'>{t('sellerOrders.pickListReady')}</View>
          <Button className='big-button pick-list__send' onClick={() => void handOff(state.filePath)}>{t('sellerOrders.pickListSend')}</Button>
        </>
      ) : (
        <Button className='big-button secondary pick-list__export' disabled={state.step === 'downloading'} onClick={() => void exportList()}>
          {t(state.step === 'downloading' ? 'sellerOrders.pickListDownloading' : 'sellerOrders.pickListExport')}
        </Button>
      )}
      {state.step === 'done' && <View className='message ok' role='status'>{t('sellerOrders.pickListDone')}</View>}
      {state.step === 'failed' && <View className='message error' role='alert'>{state.message}</View>}
    </View>
  );
}
