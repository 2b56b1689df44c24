// Runs an action when a counter changes after the first render: the page shell counts "reached
// the bottom" events (a page hook) and the screen, which owns the list, loads the next page.
import { useEffect, useRef } from 'react';

export function useOnChange(signal: number, action: () => void): void {
  const seen = useRef(signal);
  const latest = useRef(action);
  useEffect(() => {
    latest.current = action;
  });
  useEffect(() => {
    if (signal === seen.current) return;
    seen.current = signal;
    latest.current();
  }, [signal]);
}
