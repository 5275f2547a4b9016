import { InProcessBus } from '@cryptosignal/bus';
import { describeBusContract } from './contract/bus-contract.js';

describeBusContract(
  'in-process',
  async () => {
    const bus = new InProcessBus({ partitionsPerTopic: 3 });
    return { bus, close: () => bus.close() };
  },
  { waitTimeoutMs: 5_000 },
);
