// A single progress line on a terminal during long syncs, redrawn at most a few times a second.
import type { StreamProgress } from '../pipeline/poll.js';

export interface ProgressLine {
  update(progress: StreamProgress): void;
  done(): void;
}

export function createProgressLine(
  write: (text: string) => void,
  enabled: boolean,
  now: () => number = Date.now,
): ProgressLine {
  let lastDraw = 0;
  let drawn = false;
  const started = new Map<string, number>();
  return {
    update(progress) {
      const key = `${progress.source}/${progress.stream}`;
      if (!started.has(key)) started.set(key, now());
      if (!enabled || now() - lastDraw < 200) return;
      lastDraw = now();
      const elapsedS = (now() - started.get(key)!) / 1000;
      // A rate over the first instants says nothing (one page in a millisecond is not 500,000/s).
      const rate =
        elapsedS >= 1 ? `  ${Math.round(progress.fetched / elapsedS).toLocaleString('en-US')} records/s` : '';
      const total = progress.expectedTotal;
      const of =
        total === undefined || total === 0
          ? ''
          : ` / ${total.toLocaleString('en-US')} (${Math.min(100, Math.floor((progress.fetched / total) * 100))}%)`;
      write(`\r\x1b[2K${key}: ${progress.fetched.toLocaleString('en-US')}${of}${rate}`);
      drawn = true;
    },
    done() {
      if (drawn) write('\r\x1b[2K');
      drawn = false;
    },
  };
}
