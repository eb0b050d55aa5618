import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  NEWS_ALERT_CHANNEL_LABELS,
  NEWS_ALERT_CHANNELS,
  type NewsAlertChannel,
} from '../../../../common/constants/news';
import { useMe } from '../../api/auth';
import { useFollowState, useSetFollow } from '../../api/news';
import { ErrorMessage, SelectField } from '../../components/ui';

/** Follow or unfollow a province's or commune's news, choosing how emergency warnings also reach the person. */
export function FollowBox({ unitCode, unitName }: { unitCode: string; unitName: string }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const signedIn = !!me.data;
  const state = useFollowState(unitCode, signedIn);
  const set = useSetFollow(unitCode);
  const [channel, setChannel] = useState<NewsAlertChannel>('sms');
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  if (!signedIn)
    return (
      <p>
        <Link to={`/sign-in?next=${encodeURIComponent(`/news?unit=${unitCode}`)}`}>{t('news.signInToFollow')}</Link>
      </p>
    );
  const following = !!state.data?.following;
  return (
    <section className="card news-follow" aria-label={t('news.follow', { unit: unitName })}>
      {following ? (
        <>
          <p role="status">{t('news.following', { unit: unitName })}</p>
          <button type="button" className="btn" disabled={set.isPending} onClick={() => set.mutate({ follow: false })}>
            {t('news.unfollow')}
          </button>
        </>
      ) : (
        <>
          <p className="hint">{t('news.followHint')}</p>
          <SelectField
            label={t('news.channel')}
            value={channel}
            onChange={(e) => setChannel(e.target.value as NewsAlertChannel)}
          >
            {NEWS_ALERT_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {NEWS_ALERT_CHANNEL_LABELS[c][lang]}
              </option>
            ))}
          </SelectField>
          <button
            type="button"
            className="btn btn-primary"
            disabled={set.isPending || state.isPending}
            onClick={() => set.mutate({ follow: true, alertChannel: channel })}
          >
            {t('news.follow', { unit: unitName })}
          </button>
        </>
      )}
      {set.error && <ErrorMessage error={set.error} />}
    </section>
  );
}
