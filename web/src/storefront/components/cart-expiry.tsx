import { useEffect, useState } from 'react';
import { formatTime, minutesFromNow } from '../../shared/format/dates.ts';

/** "We keep your cart until 3:45 PM (in 28 minutes)", kept current while the page is open. */
export function ExpiryNote({ expiresAt, what }: { expiresAt: string; what: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 15_000);
    return () => window.clearInterval(timer);
  }, []);
  const past = new Date(expiresAt).getTime() <= now;
  return (
    <p className={`expiry${past ? ' expiry-past' : ''}`} data-testid="expiry-note">
      {past
        ? `The time we kept ${what} for you has run out.`
        : `We keep ${what} until ${formatTime(expiresAt)} (${minutesFromNow(expiresAt, now)}).`}
    </p>
  );
}
