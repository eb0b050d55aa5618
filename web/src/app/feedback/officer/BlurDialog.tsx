import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import type { PhotoView } from '../../../api/feedback';
import { Dialog, ErrorMessage } from '../../../components/ui';

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

const clamp = (n: number) => Math.min(1, Math.max(0, n));

/**
 * Blur a face or a number plate before a photo goes public: drag a rectangle over the photo (finger or mouse),
 * or use the buttons for the whole top/bottom half when dragging is not possible.
 */
export function BlurDialog({ reportId, photo, onClose }: { reportId: string; photo: PhotoView; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const box = useRef<HTMLDivElement>(null);
  const start = useRef<{ x: number; y: number } | null>(null);
  const [rect, setRect] = useState<Rect | null>(null);
  const [version, setVersion] = useState(0);
  const blur = useMutation({
    mutationFn: (r: Rect) =>
      api<PhotoView>(`/api/reports/${encodeURIComponent(reportId)}/photos/${encodeURIComponent(photo.id)}/blur`, {
        method: 'POST',
        body: r,
      }),
    onSuccess: () => {
      setRect(null);
      setVersion((v) => v + 1);
      qc.invalidateQueries({ queryKey: ['feedback', 'photos', reportId] });
    },
  });
  const at = (e: React.PointerEvent) => {
    const b = box.current!.getBoundingClientRect();
    return { x: clamp((e.clientX - b.left) / b.width), y: clamp((e.clientY - b.top) / b.height) };
  };
  const onDown = (e: React.PointerEvent) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    start.current = at(e);
    setRect(null);
  };
  const onMove = (e: React.PointerEvent) => {
    if (!start.current) return;
    const p = at(e);
    const s = start.current;
    setRect({ x: Math.min(s.x, p.x), y: Math.min(s.y, p.y), w: Math.abs(p.x - s.x), h: Math.abs(p.y - s.y) });
  };
  const onUp = () => {
    start.current = null;
  };
  const usable = rect && rect.w > 0.01 && rect.h > 0.01;
  return (
    <Dialog open title={t('feedback.photo.blurTitle')} onClose={onClose}>
      <div className="stack">
        <p className="hint">{t('feedback.photo.blurHint')}</p>
        <div
          ref={box}
          className="fb-blur-box"
          onPointerDown={onDown}
          onPointerMove={onMove}
          onPointerUp={onUp}
          onPointerCancel={onUp}
        >
          <img src={`${photo.url}?v=${version}`} alt={t('feedback.photo.blurTitle')} draggable={false} />
          {rect && (
            <span
              className="fb-blur-rect"
              style={{
                left: `${rect.x * 100}%`,
                top: `${rect.y * 100}%`,
                width: `${rect.w * 100}%`,
                height: `${rect.h * 100}%`,
              }}
            />
          )}
        </div>
        <div className="row">
          <button type="button" className="btn" onClick={() => setRect({ x: 0, y: 0, w: 1, h: 0.5 })}>
            {t('feedback.photo.topHalf')}
          </button>
          <button type="button" className="btn" onClick={() => setRect({ x: 0, y: 0.5, w: 1, h: 0.5 })}>
            {t('feedback.photo.bottomHalf')}
          </button>
        </div>
        <ErrorMessage error={blur.error} />
        <button
          type="button"
          className="btn btn-primary"
          disabled={!usable || blur.isPending}
          onClick={() => rect && blur.mutate(rect)}
        >
          {t('feedback.photo.blur')}
        </button>
        {version > 0 && <p role="status">{t('feedback.photo.blurred')}</p>}
      </div>
    </Dialog>
  );
}
