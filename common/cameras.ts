import { z } from 'zod';
import { CAMERA_ERROR_KINDS, CAMERA_KINDS, CAMERA_LIMITS, CAMERA_STATUSES } from './constants/cameras.js';

export * from './constants/cameras.js';

/**
 * Public cameras: request and response schemas shared by the server and the web app. The public answers
 * (`CameraView`) never carry a camera's own address: a citizen's browser reaches cameras only through the server.
 */

const uuid = z.uuid({ message: 'Mã không hợp lệ. | Not a valid id.' });
const unitCode = z.string().trim().min(1).max(40);

/** A camera's address on the province's network: http or https only, no fragment; credentials allowed (basic auth). */
const cameraUrl = z
  .url({
    protocol: /^https?$/,
    message: 'Địa chỉ phải bắt đầu bằng http:// hoặc https://. | The address must start with http:// or https://.',
  })
  .max(CAMERA_LIMITS.url, { message: `Tối đa ${CAMERA_LIMITS.url} ký tự. | At most ${CAMERA_LIMITS.url} characters.` })
  .refine((u) => !u.includes('#'), {
    message: 'Địa chỉ không được có phần #. | The address may not have a #fragment.',
  });

export const CameraKind = z.enum(CAMERA_KINDS, {
  message:
    'Hãy chọn loại camera: giao thông, mực nước hoặc nơi công cộng. | Choose traffic, water_level or public_place.',
});
export const CameraStatus = z.enum(CAMERA_STATUSES);
export const CameraErrorKind = z.enum(CAMERA_ERROR_KINDS);

/** `POST /api/cameras` and `PUT /api/cameras/:id` (a PUT replaces the camera's details; its health is kept). */
export const CameraInput = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, { message: 'Hãy nhập tên camera. | Enter the camera’s name.' })
    .max(CAMERA_LIMITS.name, {
      message: `Tối đa ${CAMERA_LIMITS.name} ký tự. | At most ${CAMERA_LIMITS.name} characters.`,
    }),
  /** The commune (xã, phường) the camera belongs to: whose administrators manage it. */
  communeCode: unitCode,
  kind: CameraKind,
  lat: z
    .number({ message: 'Vĩ độ phải là một số. | Latitude must be a number.' })
    .min(-90, { message: 'Vĩ độ từ -90 đến 90. | Latitude is between -90 and 90.' })
    .max(90, { message: 'Vĩ độ từ -90 đến 90. | Latitude is between -90 and 90.' }),
  lng: z
    .number({ message: 'Kinh độ phải là một số. | Longitude must be a number.' })
    .min(-180, { message: 'Kinh độ từ -180 đến 180. | Longitude is between -180 and 180.' })
    .max(180, { message: 'Kinh độ từ -180 đến 180. | Longitude is between -180 and 180.' }),
  /** Where the server reads a still image (JPEG, PNG or WebP). */
  snapshotUrl: cameraUrl,
  /** The camera's HLS playlist (.m3u8): the public watches it through the server's proxy, never at this address. */
  streamUrl: cameraUrl.nullable().default(null),
  isPublic: z.boolean().default(true),
});
export type CameraInput = z.input<typeof CameraInput>;

export const CameraIdParam = z.strictObject({ id: uuid });

/** A part of a camera's stream: the token the server wrote into the playlist it served. */
export const CameraStreamTokenParam = z.strictObject({
  id: uuid,
  token: z
    .string()
    .max(4000)
    .regex(/^[pm][A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, { message: 'Mã không hợp lệ. | Not a valid token.' }),
});

export const CameraListQuery = z.strictObject({
  commune: unitCode.optional(),
  kind: CameraKind.optional(),
  limit: z.coerce.number().int().min(1).max(CAMERA_LIMITS.pageMax).default(CAMERA_LIMITS.pageMax),
  cursor: z.string().max(200).optional(),
});

/** What anyone may see of a camera: no address of the camera, no error details. */
export const CameraView = z.object({
  id: z.string(),
  name: z.string(),
  kind: CameraKind,
  communeCode: z.string(),
  communeName: z.string(),
  lat: z.number(),
  lng: z.number(),
  status: CameraStatus,
  lastCheckedAt: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  downSince: z.string().nullable(),
  /** The camera has a live stream, watched through the server (`/api/cameras/:id/stream.m3u8`). */
  hasStream: z.boolean(),
});
export type CameraView = z.infer<typeof CameraView>;

export const CameraList = z.object({ items: z.array(CameraView), nextCursor: z.string().nullable() });
export type CameraList = z.infer<typeof CameraList>;

/** A camera as its administrators see it: its addresses, whether it is public, and why the last check failed. */
export const CameraAdminView = CameraView.extend({
  isPublic: z.boolean(),
  snapshotUrl: z.string(),
  streamUrl: z.string().nullable(),
  lastError: CameraErrorKind.nullable(),
  updatedAt: z.string(),
});
export type CameraAdminView = z.infer<typeof CameraAdminView>;

export const CameraAdminList = z.object({ items: z.array(CameraAdminView), nextCursor: z.string().nullable() });
export type CameraAdminList = z.infer<typeof CameraAdminList>;
