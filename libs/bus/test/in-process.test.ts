import { InProcessBus, type InProcessBusOptions } from '@cryptosignal/bus';
import { describeBusContract } from './contract/bus-contract.js';

// The bus contract holds whichever way typed publishes travel in process.
for (const transport of ['verified-values', 'values', 'bytes'] as const) {
  const options: InProcessBusOptions = { partitionsPerTopic: 3, transport };
  describeBusContract(
    `in-process (${transport})`,
    async () => {
      const bus = new InProcessBus(options);
      return { bus, close: () => bus.close() };
    },
    { waitTimeoutMs: 5_000 },
  );
}
