import type { RuntimeAdapter } from '../../contract/RuntimeAdapter.js';
import type { AdapterPort } from '../../engine/AdapterPort.js';
import { AdapterHost, type Hosted } from './AdapterHost.js';
import { HostConnection, type HostPipe } from './HostConnection.js';
import { readGreeting } from './readHostMessage.js';

/**
 * The adapter protocol without a thread in between, for the vitest form and `runConformance`:
 * the same requests, JSON texts and checks as the isolated worker, but the adapter shares the
 * kit's realm (and so could reach the checker: use the CLI to judge an adapter you do not trust).
 */
export function connectInProcess(hosted: Hosted): HostConnection {
  const host = new AdapterHost(hosted);
  const greeting = readGreeting(host.greeting());
  if (greeting.type !== 'hello') throw new TypeError(`the adapter did not load: ${greeting.message}`);
  let deliver: (raw: unknown) => void = () => undefined;
  const pipe: HostPipe = {
    send: (text) => {
      void host.handle(text).then(deliver, (error: unknown) => deliver(`host failure: ${String(error)}`));
    },
    listen: (onMessage) => {
      deliver = onMessage;
    },
    awaiting: () => undefined,
    close: async () => undefined,
  };
  return new HostConnection(pipe, greeting);
}

/** The engine's view of an adapter: a port as is, a `RuntimeAdapter` through an in-process host. @public */
export function portOf(adapter: RuntimeAdapter | AdapterPort): AdapterPort {
  return 'openRun' in adapter ? adapter : connectInProcess({ adapter });
}
