import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/ui';

type PlayerState = 'loading' | 'playing' | 'failed' | 'unsupported';

/**
 * A camera's live stream, always through our server (`/api/cameras/:id/stream.m3u8`, whose playlists name only our
 * addresses). Where the browser has Media Source Extensions, hls.js plays it, loaded only now (this chunk is itself
 * loaded when the person taps "watch"); elsewhere (Safari on an iPhone) the browser's own HLS player does.
 */
export default function LivePlayer({ id, name }: { id: string; name: string }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<PlayerState>('loading');

  useEffect(() => {
    const el = video.current;
    if (!el) return;
    const src = `/api/cameras/${id}/stream.m3u8`;
    let stopped = false;
    let destroy = () => {};
    const onPlaying = () => setState('playing');
    const onError = () => setState('failed');
    el.addEventListener('playing', onPlaying);
    const start = async () => {
      if ('MediaSource' in window || 'ManagedMediaSource' in window) {
        const { default: Hls } = await import('hls.js/light');
        if (stopped) return;
        if (Hls.isSupported()) {
          const hls = new Hls({ maxBufferLength: 10, backBufferLength: 10 });
          hls.on(Hls.Events.ERROR, (_event, data) => {
            if (!data.fatal) return;
            setState('failed');
            hls.destroy();
          });
          hls.loadSource(src);
          hls.attachMedia(el);
          destroy = () => hls.destroy();
          await el.play().catch(() => undefined);
          return;
        }
      }
      if (el.canPlayType('application/vnd.apple.mpegurl')) {
        el.addEventListener('error', onError);
        el.src = src;
        destroy = () => {
          el.removeAttribute('src');
          el.load();
        };
        await el.play().catch(() => undefined);
        return;
      }
      setState('unsupported');
    };
    start().catch(() => setState('failed'));
    return () => {
      stopped = true;
      el.removeEventListener('playing', onPlaying);
      el.removeEventListener('error', onError);
      destroy();
    };
  }, [id]);

  return (
    <div className="stack">
      {/* Muted and inline: a phone plays it in the page, without sound (cameras have none worth hearing). */}
      <video
        ref={video}
        className="camera-snapshot"
        aria-label={t('cameras.live.playerLabel', { name })}
        muted
        playsInline
        controls
        hidden={state === 'failed' || state === 'unsupported'}
      />
      {state === 'loading' && (
        <p className="muted" role="status">
          {t('cameras.live.loading')}
        </p>
      )}
      {state === 'failed' && <Notice tone="warning">{t('cameras.live.failed')}</Notice>}
      {state === 'unsupported' && <Notice tone="warning">{t('cameras.live.unsupported')}</Notice>}
    </div>
  );
}
