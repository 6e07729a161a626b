import type { z } from "zod";

/** One entry of the message table: what the sender passes and what the receiver answers. */
export interface MessageSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
}

export const message = <Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res,
): MessageSpec<Req, Res> => ({ request, response });
