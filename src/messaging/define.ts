import type { z } from "../../optimizer/zod";

/** One entry of the message table: what the sender passes and what the receiver answers. */
export interface MessageSpec<
  Req extends z.ZodMiniType = z.ZodMiniType,
  Res extends z.ZodMiniType = z.ZodMiniType,
> {
  request: Req;
  response: Res;
}

export const message = <Req extends z.ZodMiniType, Res extends z.ZodMiniType>(
  request: Req,
  response: Res,
): MessageSpec<Req, Res> => ({ request, response });
