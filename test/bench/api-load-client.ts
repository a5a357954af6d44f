// The load generator of the status-API benchmark, in its own process so its CPU is not the service's.
// Open loop: request i is due at start + i / rate, whatever happened to the requests before it, and its
// latency is measured from that due time, so a stalled server shows up in full (no coordinated omission).
//   node --import tsx test/bench/api-load-client.ts URL RATE SECONDS [CONNECTIONS]
import http from 'node:http';

const [url = '', rateText = '1000', secondsText = '60', connectionsText = '64'] = process.argv.slice(2);
const rate = Number(rateText);
const total = Math.round(rate * Number(secondsText));
const target = new URL(url);
// Keep-alive sockets, as a dashboard or scraper would hold; more than needed, so a slow answer does not
// hold the next request back on the client side.
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(connectionsText) });

const latencies = new Float64Array(total).fill(NaN);
const statuses = new Map<string, number>();
let sent = 0;
let done = 0;
let maxSendLagMs = 0;
const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);

function send(index: number, dueAt: number): void {
  const request = http.get(
    { host: target.hostname, port: target.port, path: target.pathname + target.search, agent },
    (response) => {
      response.resume();
      response.once('end', () => {
        latencies[index] = performance.now() - dueAt;
        count(String(response.statusCode));
        done++;
      });
    },
  );
  request.once('error', (error: NodeJS.ErrnoException) => {
    latencies[index] = performance.now() - dueAt;
    count(error.code ?? 'error');
    done++;
  });
}

const start = performance.now() + 50;
// Wall-clock bounds of the window, so the caller can tell what the sync did during it.
const windowStartMs = Date.now() + 50;
await new Promise<void>((resolve) => {
  const tick = (): void => {
    const now = performance.now();
    // Everything due by now goes out now; the lag says how far the generator itself fell behind.
    while (sent < total && start + (sent * 1000) / rate <= now) {
      const dueAt = start + (sent * 1000) / rate;
      maxSendLagMs = Math.max(maxSendLagMs, now - dueAt);
      send(sent, dueAt);
      sent++;
    }
    if (sent < total) setImmediate(tick);
    else resolve();
  };
  tick();
});
const lastDue = start + ((total - 1) * 1000) / rate;
// Answers still out get up to 10 s; anything later counts as a timeout.
const giveUp = performance.now() + 10_000;
while (done < total && performance.now() < giveUp) await new Promise((r) => setTimeout(r, 20));
const finished = performance.now();
agent.destroy();

const answered = Array.from(latencies).filter((ms) => !Number.isNaN(ms));
// The worst answer in each second of the window (by due time), to place stalls against what the sync did.
const worstPerSecond: number[] = [];
latencies.forEach((ms, i) => {
  const second = Math.floor(i / rate);
  if (!Number.isNaN(ms)) worstPerSecond[second] = Math.max(worstPerSecond[second] ?? 0, ms);
});
const sorted = answered.slice().sort((a, b) => a - b);
const pct = (p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const ok = statuses.get('200') ?? 0;
console.log(
  JSON.stringify({
    windowStartMs,
    windowEndMs: windowStartMs + (finished - start),
    scheduled: total,
    sent,
    answered: done,
    timeouts: total - done,
    statuses: Object.fromEntries(statuses),
    errors: total - ok,
    // Requests answered over the time from the first due time to the last answer.
    achievedRate: ok / ((finished - start) / 1000),
    sendSpanSeconds: (lastDue - start) / 1000,
    maxSendLagMs,
    p50: pct(50),
    p90: pct(90),
    p99: pct(99),
    p999: pct(99.9),
    max: sorted.at(-1) ?? NaN,
    worstPerSecond,
  }),
);
