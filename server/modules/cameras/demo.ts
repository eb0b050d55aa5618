import type { Executor } from '../../db/client.js';
import { cameraHealthJob, healthJobKey, nextSlot } from './jobs.js';
import * as repo from './repo.js';

/**
 * Demo cameras (XASO_DEMO=1) in Thái Nguyên's communes, at addresses on a private network (10.19.x.x, the kind a
 * province's camera network uses). Their health is never faked: on a machine without that network the job marks
 * them "not checked yet", then down, honestly.
 */
export const DEMO_CAMERAS = [
  {
    name: 'Ngã tư trung tâm phường Phan Đình Phùng',
    communeCode: '05443',
    unitPath: '19/05443',
    kind: 'traffic',
    lat: 21.5906,
    lng: 105.8329,
    snapshotUrl: 'http://10.19.1.11/cgi-bin/snapshot.jpg',
    streamUrl: 'http://10.19.1.11/live/index.m3u8',
  },
  {
    name: 'Cầu tràn trung tâm xã Định Hoá',
    communeCode: '05569',
    unitPath: '19/05569',
    kind: 'water_level',
    lat: 21.9064,
    lng: 105.5939,
    snapshotUrl: 'http://10.19.2.21/snapshot.jpg',
    streamUrl: null,
  },
  {
    name: 'Bến thuyền hồ Ba Bể',
    communeCode: '01906',
    unitPath: '19/01906',
    kind: 'public_place',
    lat: 22.4393,
    lng: 105.6337,
    snapshotUrl: 'http://10.19.3.31/snapshot.jpg',
    streamUrl: null,
  },
  {
    name: 'Quốc lộ 3 qua xã Phú Lương',
    communeCode: '05611',
    unitPath: '19/05611',
    kind: 'traffic',
    lat: 21.7384,
    lng: 105.7273,
    snapshotUrl: 'http://10.19.4.41/snapshot.jpg',
    streamUrl: null,
  },
] as const;

export async function seedDemoCameras(exec: Executor, now: Date) {
  for (const c of DEMO_CAMERAS) await repo.insertCamera(exec, { ...c, isPublic: true });
  const at = nextSlot(now, 5000);
  await cameraHealthJob.enqueue(exec, {}, { runAt: at, dedupeKey: healthJobKey(at) });
}
