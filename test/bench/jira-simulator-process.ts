// The Jira simulator in a process of its own (so its CPU and memory are not the measured process's):
// prints its base URL on the first line of stdout and serves until SIGTERM or SIGINT.
//   node --import tsx test/bench/jira-simulator-process.ts --incidents 200000 --seed 42 [--port 8081]
//     [--fault-rate 0.1] [--latency-ms 5] [--search-lag-ms 500]   (account bot@example.com, token "token")
import { createJiraSimulator, spreadJiraFaultRate } from '../../connectors/jira/simulator/index.js';

const args = process.argv.slice(2);
const value = (flag: string, fallback: number) => {
  const i = args.indexOf(flag);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const started = Date.now();
const sim = createJiraSimulator({
  seed: value('--seed', 42),
  incidents: value('--incidents', 200_000),
  requests: 0,
  problems: 0,
  changes: 0,
  releases: 0,
  reviews: 0,
  searchLagMs: value('--search-lag-ms', 0),
  faults: { ...spreadJiraFaultRate(value('--fault-rate', 0)), latencyMs: value('--latency-ms', 0) },
});
const url = await sim.listen('127.0.0.1', value('--port', 0));
console.log(url);
console.error(`Jira simulator ready in ${Date.now() - started} ms with ${sim.store.size} issues`);
await new Promise<void>((resolve) => {
  process.once('SIGTERM', resolve);
  process.once('SIGINT', resolve);
});
await sim.close();
