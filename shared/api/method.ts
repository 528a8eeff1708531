// One API method: its zod input schema, whether it changes data, and (as a phantom type) its result.
import type { z } from 'zod';

export type Access = 'read' | 'write';

export type MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> = {
  input: I;
  access: Access;
  /** Phantom: never set at run time, only carries the result type. */
  readonly __result?: O;
};

export function method<I extends z.ZodType>(input: I, access: Access) {
  return {
    returns<O>(): MethodSpec<I, O> {
      return { input, access };
    },
  };
}
