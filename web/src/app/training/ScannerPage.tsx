import './strings';
import './training.css';
import { CHECK_IN_PATH } from '@common/constants/training';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Notice, PageHeader } from '../../components/ui';

/**
 * The code of a scanned text when it is a check-in URL (its path is ours), else null. The page then opens that path
 * on this app whatever address the QR names (the server checks the code's signature anyway).
 */
function checkInCodeOf(text: string): string | null {
  try {
    const url = new URL(text, window.location.origin);
    if (url.pathname !== CHECK_IN_PATH) return null;
    return url.searchParams.get('c');
  } catch {
    return null;
  }
}

/**
 * /tap-huan/quet: scans a site's QR code with the phone's camera in the browser (getUserMedia + jsQR, loaded only
 * here) and opens the check-in page. A phone's own camera app opens the same URL without this page.
 */
export default function ScannerPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<'idle' | 'scanning' | 'found' | 'failed' | 'foreign'>('idle');
  const [on, setOn] = useState(false);

  useEffect(() => {
    if (!on) return;
    let stream: MediaStream | null = null;
    let frame = 0;
    let stopped = false;
    (async () => {
      try {
        const [{ default: jsQR }, media] = await Promise.all([
          import('jsqr'),
          navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }),
        ]);
        stream = media;
        if (stopped || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        setState('scanning');
        const canvas = document.createElement('canvas');
        const ctx = canvas.getContext('2d', { willReadFrequently: true });
        const tick = () => {
          if (stopped || !video.current || !ctx) return;
          const v = video.current;
          if (v.readyState >= 2 && v.videoWidth > 0) {
            const scale = Math.min(1, 640 / v.videoWidth);
            canvas.width = Math.round(v.videoWidth * scale);
            canvas.height = Math.round(v.videoHeight * scale);
            ctx.drawImage(v, 0, 0, canvas.width, canvas.height);
            const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
            const found = jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' });
            if (found?.data) {
              const code = checkInCodeOf(found.data);
              if (code) {
                setState('found');
                navigate(`${CHECK_IN_PATH}?c=${encodeURIComponent(code)}`);
                return;
              }
              setState('foreign');
            }
          }
          frame = window.setTimeout(tick, 200);
        };
        tick();
      } catch {
        if (!stopped) setState('failed');
      }
    })();
    return () => {
      stopped = true;
      window.clearTimeout(frame);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [on, navigate]);

  return (
    <div className="stack">
      <p>
        <Link to="/tap-huan">{t('training.back')}</Link>
      </p>
      <PageHeader title={t('training.scannerTitle')} />
      <p>{t('training.scannerHint')}</p>
      {!on && (
        <button type="button" className="btn btn-primary btn-lg" onClick={() => setOn(true)}>
          {t('training.scannerStart')}
        </button>
      )}
      <video ref={video} className="training-video" playsInline muted hidden={!on || state === 'failed'} />
      {state === 'failed' && <Notice tone="warning">{t('training.scannerNoCamera')}</Notice>}
      {state === 'foreign' && <Notice tone="warning">{t('training.scannerNotOurs')}</Notice>}
      {state === 'found' && <p role="status">{t('training.scannerFound')}</p>}
    </div>
  );
}
