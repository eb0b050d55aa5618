import { z } from 'zod';

/** Unit codes: "19", "05569", "05569-001". Anything else is a 400 before it reaches the database. */
export const UnitCodeParam = z.strictObject({
  code: z
    .string()
    .regex(/^[0-9A-Za-z][0-9A-Za-z-]{0,39}$/, { message: 'Mã đơn vị không hợp lệ. | Invalid unit code.' }),
});
