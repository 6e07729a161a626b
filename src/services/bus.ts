/**
 * Sending and serving messages of the table. Every message crosses a context
 * boundary, so both ends validate with the table's Zod schemas; a message from
 * anything but this extension's own contexts is ignored, and an unknown name or
 * a bad payload gets a clear error answer instead of a silent drop.
 */

import { type Browser, browser } from "wxt/browser";
import { z } from "../../optimizer/zod";
import { type Message, MessageSchema, message, Refusal } from "../core/message";
import type { MessageSpec } from "../messaging/define";
import { type MessageName, messages, type RequestOf, type ResponseOf } from "../messaging/table";

// Indexed by a runtime string, so looked up through the widest type of an entry.
const table: Record<string, MessageSpec> = messages;

const Envelope = z.object({ stackwise: z.literal(1), name: z.string(), payload: z.unknown() });
const Answer = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: MessageSchema }),
]);
type Answer = z.infer<typeof Answer>;

/** A request that failed, with why as a Message for the sender to show in its own language. */
export class MessageError extends Refusal {
  override name = "MessageError";
}

/** What a failed handler answers: its refusal's own words, else what went wrong, as a technical detail. */
function failure(error: unknown): Message {
  if (error instanceof Refusal) return error.text;
  return message("bus_failed", error instanceof Error ? error.message : String(error));
}

export type Handlers = {
  [N in MessageName]?: (
    payload: z.output<(typeof messages)[N]["request"]>,
    sender: Browser.runtime.MessageSender,
  ) => Promise<ResponseOf<N>> | ResponseOf<N>;
};

export async function send<N extends MessageName>(name: N, payload: RequestOf<N>): Promise<ResponseOf<N>> {
  const spec = table[name as string] as MessageSpec;
  const checked = spec.request.safeParse(payload);
  if (!checked.success)
    throw new MessageError(message("bus_invalid", String(name), z.prettifyError(checked.error)));
  const raw: unknown = await browser.runtime.sendMessage({ stackwise: 1, name, payload: checked.data });
  const answer = Answer.safeParse(raw);
  if (!answer.success) throw new MessageError(message("bus_noAnswer", String(name)));
  if (!answer.data.ok) throw new MessageError(answer.data.error);
  const value = spec.response.safeParse(answer.data.value);
  if (!value.success)
    throw new MessageError(message("bus_invalid", String(name), z.prettifyError(value.error)));
  return value.data as ResponseOf<N>;
}

/** Pure dispatch, separate from the listener so tests can drive it without a browser. */
export async function dispatch(
  handlers: Handlers,
  raw: unknown,
  sender: Browser.runtime.MessageSender,
  ownId: string,
): Promise<Answer | undefined> {
  if (sender.id !== ownId) return undefined;
  const envelope = Envelope.safeParse(raw);
  if (!envelope.success) return undefined;
  const { name, payload } = envelope.data;
  if (!Object.hasOwn(messages, name)) return { ok: false, error: message("bus_unknown", name) };
  const key = name as MessageName;
  const handler = handlers[key] as ((p: unknown, s: Browser.runtime.MessageSender) => unknown) | undefined;
  if (!handler) return undefined;
  const request = (table[key] as MessageSpec).request.safeParse(payload);
  if (!request.success)
    return { ok: false, error: message("bus_invalid", name, z.prettifyError(request.error)) };
  try {
    // The answer is held to the table too: a sentence with a key no catalogue has never leaves.
    const value = (table[key] as MessageSpec).response.safeParse(await handler(request.data, sender));
    if (!value.success)
      return { ok: false, error: message("bus_invalid", name, z.prettifyError(value.error)) };
    return { ok: true, value: value.data };
  } catch (error) {
    return { ok: false, error: failure(error) };
  }
}

/** Registers the handlers this context serves; returns a function that unregisters them. */
export function serve(handlers: Handlers): () => void {
  // Answers through sendResponse and `return true`, which both browsers' own APIs honour.
  // Chrome ignores a returned promise (the polyfill that once emulated it is gone), and a
  // listener that answers nothing must return undefined so another context can answer.
  const listener = (
    raw: unknown,
    sender: Browser.runtime.MessageSender,
    sendResponse: (answer: unknown) => void,
  ): true | undefined => {
    if (!Envelope.safeParse(raw).success) return undefined;
    const name = (raw as { name: string }).name;
    if (Object.hasOwn(messages, name) && !handlers[name as MessageName]) return undefined;
    if (sender.id !== browser.runtime.id) return undefined;
    void dispatch(handlers, raw, sender, browser.runtime.id).then(sendResponse, (error: unknown) =>
      sendResponse({ ok: false, error: failure(error) }),
    );
    return true;
  };
  browser.runtime.onMessage.addListener(listener as never);
  return () => browser.runtime.onMessage.removeListener(listener as never);
}
