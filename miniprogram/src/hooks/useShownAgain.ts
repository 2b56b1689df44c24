// Counts the times a page shows again (coming back from another page), not its first showing, so
// a screen can refresh what the other page may have changed.
import { useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';

export function useShownAgain(): number {
  const first = useRef(true);
  const [count, setCount] = useState(0);
  useDidShow(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    setCount((n) => n + 1);
  });
  return count;
}
