import { ServerQuery } from './wire/protocol.js';
import type { ServerQueryPacket } from './wire/query-reader.js';
import type { QueueWriter } from './wire/queue-writer.js';

/**
 * The one reply each server query needs (TracyProfiler.cpp HandleServerQuery). The capture counts replies as query credits
 * and only finishes when none is missing, so even queries this client never causes (it sends
 * no static source locations, frame marks, fibers or callstacks) get the reply the capture
 * expects, or a harmless acknowledgement.
 */

export interface NameSource {
  threadName(thread: number): string;
  plotName(id: number): string | undefined;
}

export type QueryOutcome = 'answered' | 'disconnect' | 'terminate';

const encoder = new TextEncoder();
/** String ids we hand out in SourceLocation replies for source locations we never announced. */
export const UNKNOWN_STRING_ID = 1;

/** Text of a reply; capped to the u16 length field of string transfers. */
function text(value: string): Uint8Array {
  const bytes = encoder.encode(value);
  return bytes.length <= 65535 ? bytes : bytes.subarray(0, 65535);
}

export function answerQuery(query: ServerQueryPacket, writer: QueueWriter, names: NameSource, log: (line: string) => void): QueryOutcome {
  const { ptrLow, ptrHigh } = query;
  const types = writer.queueTypes;
  switch (query.type) {
    case ServerQuery.Terminate:
      return 'terminate';
    case ServerQuery.String:
      // We announce no string ids ourselves except UNKNOWN_STRING_ID (in SourceLocation replies).
      writer.stringTransfer(types.stringData, ptrLow, ptrHigh, text('?'));
      return 'answered';
    case ServerQuery.ThreadString:
      writer.stringTransfer(types.threadName, ptrLow, ptrHigh, text(names.threadName(ptrLow)));
      return 'answered';
    case ServerQuery.SourceLocation:
      // Replies match the asked source locations in order (AddSourceLocation is FIFO), so this
      // must be written now, in the order asked, even for an id we never sent.
      writer.sourceLocation(0, UNKNOWN_STRING_ID, UNKNOWN_STRING_ID, 0, 0);
      return 'answered';
    case ServerQuery.PlotName:
      writer.stringTransfer(types.plotName, ptrLow, ptrHigh, text(names.plotName(ptrLow) ?? `plot ${ptrLow}`));
      return 'answered';
    case ServerQuery.FrameName:
      writer.stringTransfer(types.frameName, ptrLow, ptrHigh, text('Frame'));
      return 'answered';
    case ServerQuery.FiberName:
      writer.stringTransfer(types.fiberName, ptrLow, ptrHigh, text(`fiber ${ptrLow}`));
      return 'answered';
    case ServerQuery.SymbolCode:
      writer.ackSymbolCodeNotAvailable();
      return 'answered';
    case ServerQuery.SourceCode:
      writer.ackSourceCodeNotAvailable(ptrLow);
      return 'answered';
    case ServerQuery.Disconnect:
      // The capture wants to end: it gets Terminate (written by the session) and later replies.
      return 'disconnect';
    case ServerQuery.Parameter:
    case ServerQuery.DataTransfer:
    case ServerQuery.DataTransferPart:
      writer.ackNoop();
      return 'answered';
    default:
      // ExternalName, CallstackFrame, Symbol only follow items this client never sends.
      log(`tracy: capture sent query type ${query.type}, which follows items this client never sends; acknowledged with a no-op`);
      writer.ackNoop();
      return 'answered';
  }
}
