// A stand-in for the job worker in bridge tests (mock `bridge/labWorker.ts` to return one): it records
// what it was sent and whether it was terminated; the test plays its replies.
import type { FromJobWorker, ToJobWorker } from '../protocol/jobs.ts';

export class FakeJobWorker {
  /** The workers in the order they were given a job (the bridge reuses an idle one). */
  static given: FakeJobWorker[] = [];
  static last(): FakeJobWorker {
    const worker = FakeJobWorker.given.at(-1);
    if (!worker) throw new Error('no job was sent to a worker');
    return worker;
  }
  onmessage: ((event: { data: FromJobWorker }) => void) | null = null;
  onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
  sent: ToJobWorker[] = [];
  /** The transfer list of each message sent. */
  transferred: Transferable[][] = [];
  terminated = false;
  postMessage(message: ToJobWorker, transfer: Transferable[] = []) {
    FakeJobWorker.given.push(this);
    this.sent.push(message);
    this.transferred.push(transfer);
  }
  terminate() {
    this.terminated = true;
  }
  reply(data: FromJobWorker) {
    this.onmessage?.({ data });
  }
  crash(message: string) {
    this.onerror?.({ message, preventDefault() {} });
  }
}
