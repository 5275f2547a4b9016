import { describeBusContract } from './contract/bus-contract.js';
import { DisposableKafkaBus } from './support/kafka-harness.js';

describeBusContract(
  'kafka',
  async () => {
    const bus = new DisposableKafkaBus();
    return { bus, close: () => bus.close() };
  },
  { waitTimeoutMs: 60_000 },
);
